package org.ketaclinic.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Health and monitoring as operators need them (issue 19, ADR 0014): probes and
 * Prometheus on a management port of each pod that only the kubelet and the monitoring
 * namespace reach, readiness that depends on the database alone, and alerts that are
 * valid PromQL over metrics the services really expose, each with a runbook page.
 */
class MonitoringManifestsTests {

	private static final String MONITORING = "infra/k8s/base/monitoring";

	private static final String RUNBOOK = "docs/runbook.md";

	private static final String RUNBOOK_URL = "https://github.com/ketaclinic/ketaclinic/blob/main/" + RUNBOOK + "#";

	/** Each Deployment's management port (MANAGEMENT_SERVER_PORT). */
	private static final Map<String, Integer> MANAGEMENT_PORTS = Map.of("gateway", 9080, "intake", 9081, "screening",
			9082, "scheduling", 9083, "followup", 9084);

	/** Metrics that come from Prometheus itself, not from a service. */
	private static final Set<String> PROMETHEUS_OWN = Set.of("up");

	private static List<JsonNode> rules() throws IOException {
		JsonNode rule = Project.YAML.readTree(Project.read(MONITORING + "/prometheus-rules.yaml"));
		assertThat(rule.path("apiVersion").asText()).isEqualTo("monitoring.coreos.com/v1");
		assertThat(rule.path("kind").asText()).isEqualTo("PrometheusRule");
		List<JsonNode> rules = new ArrayList<>();
		rule.path("spec").path("groups").forEach((group) -> group.path("rules").forEach(rules::add));
		return rules;
	}

	@Test
	void everyAlertHasASeverityASummaryAndARunbookPageWithTheFirstThreeThingsToCheck() throws IOException {
		Map<String, String> pages = runbookSections(Project.read(RUNBOOK));
		List<JsonNode> rules = rules();
		assertThat(rules).hasSizeGreaterThanOrEqualTo(8);
		Set<String> names = new TreeSet<>();
		for (JsonNode rule : rules) {
			String name = rule.path("alert").asText();
			assertThat(name).as("every rule is an alert").matches("Ketaclinic[A-Za-z]+");
			assertThat(names.add(name)).as(name + " once").isTrue();
			assertThat(rule.path("labels").path("severity").asText()).as(name).isIn("critical", "warning");
			assertThat(rule.path("annotations").path("summary").asText()).as(name).isNotBlank();
			String url = rule.path("annotations").path("runbook_url").asText();
			assertThat(url).as(name).startsWith(RUNBOOK_URL);
			String anchor = url.substring(RUNBOOK_URL.length());
			assertThat(anchor).as(name + ": the page is named after the alert").isEqualTo(name.toLowerCase());
			assertThat(pages).as(name + ": " + RUNBOOK + " has a heading for #" + anchor).containsKey(anchor);
			long checks = pages.get(anchor).lines().filter((line) -> line.matches("\\d+\\. .*")).count();
			assertThat(checks).as(name + ": the page lists the first three things to check").isGreaterThanOrEqualTo(3);
		}
	}

	@Test
	void everyExpressionIsPromQLOverMetricsTheServicesExpose() throws IOException {
		Set<String> exposed = exposedMetrics();
		assertThat(exposed).as("captured and scanned names")
			.contains("ketaclinic_kafka_up", "ketaclinic_outbox_oldest_age_seconds",
					"hikaricp_connections_timeout_total", "ketaclinic_followup_alerts_unpaged_total",
					"kafka_consumer_fetch_manager_records_lag_max");
		for (JsonNode rule : rules()) {
			String expr = rule.path("expr").asText();
			Set<String> used = PromQL.metricNames(expr);
			assertThat(used).as(rule.path("alert").asText() + " uses metrics").isNotEmpty();
			for (String metric : used) {
				assertThat(PROMETHEUS_OWN.contains(metric) || exposed.contains(metric))
					.as("%s: %s is exposed by a service (%s)", rule.path("alert").asText(), metric, expr)
					.isTrue();
			}
		}
	}

	@Test
	void theExpressionCheckRefusesWhatPrometheusWouldRefuse() {
		assertThat(PromQL.metricNames("sum by (job) (rate(http_server_requests_seconds_count{status=~\"5..\"}[5m])) "
				+ "/ sum by (job) (rate(http_server_requests_seconds_count[5m])) > 0.05"))
			.containsExactly("http_server_requests_seconds_count");
		assertThat(PromQL.metricNames("absent(up{job=\"intake\"}) or absent(up{job=\"screening\"})"))
			.containsExactly("up");
		for (String broken : List.of("rate(foo[5m]", "rate(foo)", "foo >", "sum by (job (foo)", "foo{job=~\"(\"}",
				"foo{job=}", "foo[5x]", "increase(foo[5m]) > > 1", "nosuchfunction(foo)", "foo bar")) {
			assertThatThrownBy(() -> PromQL.metricNames(broken)).as(broken)
				.isInstanceOf(IllegalArgumentException.class);
		}
	}

	/**
	 * promtool, Prometheus's own checker (Debian's package {@code prometheus}), checks
	 * the rules and runs their unit tests in {@code tests/alerts.test.yaml}: each alert
	 * fires for what it should and not before. Skipped, saying so, where promtool is not
	 * installed.
	 */
	@Test
	void promtoolAcceptsTheRulesAndTheirUnitTestsPass(@TempDir Path work) throws Exception {
		Assumptions.assumeTrue(promtool() != null, "promtool is not installed (apt-get install prometheus)");
		JsonNode rule = Project.YAML.readTree(Project.read(MONITORING + "/prometheus-rules.yaml"));
		ObjectNode groups = Project.YAML.createObjectNode();
		groups.set("groups", rule.path("spec").path("groups"));
		Files.writeString(work.resolve("rules.yaml"), Project.YAML.writeValueAsString(groups));
		Files.copy(Project.path(MONITORING + "/tests/alerts.test.yaml"), work.resolve("alerts.test.yaml"));
		assertThat(run(work, promtool(), "check", "rules", "rules.yaml")).contains("SUCCESS");
		assertThat(run(work, promtool(), "test", "rules", "alerts.test.yaml")).contains("SUCCESS");
	}

	@Test
	void probesAndMetricsAreOnTheManagementPortAndOnlyPrometheusReachesItThere() throws Exception {
		Manifests base = Manifests.parse(Kubectl.kustomize(Project.path("infra/k8s/base")));
		List<NetworkPolicy> policies = base.all(NetworkPolicy.class)
			.filter((policy) -> policy.getSpec().getPolicyTypes().contains("Ingress"))
			.toList();
		for (Deployment deployment : base.all(Deployment.class).toList()) {
			String name = deployment.getMetadata().getName();
			Container container = deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
			int management = MANAGEMENT_PORTS.get(name);
			assertThat(container.getPorts()).as(name)
				.extracting(ContainerPort::getName, ContainerPort::getContainerPort)
				.contains(org.assertj.core.groups.Tuple.tuple("management", management));
			assertThat(container.getEnv()).as(name + " moves actuator to it")
				.filteredOn((env) -> env.getName().equals("MANAGEMENT_SERVER_PORT"))
				.extracting(EnvVar::getValue)
				.containsExactly(String.valueOf(management));
			for (Probe probe : List.of(container.getStartupProbe(), container.getLivenessProbe(),
					container.getReadinessProbe())) {
				assertThat(probe.getHttpGet().getPort().getStrVal()).as(name).isEqualTo("management");
				assertThat(probe.getTimeoutSeconds()).as(name + ": an explicit timeout").isNotNull();
			}
			if (!name.equals("gateway")) {
				// the database check may wait for the pool's 3 s connection timeout
				assertThat(container.getReadinessProbe().getTimeoutSeconds()).as(name + " readiness timeout")
					.isGreaterThan(3);
			}
			List<NetworkPolicyIngressRule> toManagement = policies.stream()
				.filter((policy) -> Manifests.selects(policy.getSpec().getPodSelector(),
						deployment.getSpec().getTemplate().getMetadata().getLabels()))
				.flatMap((policy) -> policy.getSpec().getIngress().stream())
				.filter((rule) -> rule.getPorts()
					.stream()
					.anyMatch((port) -> "management".equals(port.getPort().getStrVal())
							|| Integer.valueOf(management).equals(port.getPort().getIntVal())))
				.toList();
			assertThat(deployment.getSpec().getTemplate().getMetadata().getAnnotations()).as(name)
				.containsEntry("prometheus.io/scrape", "true")
				.containsEntry("prometheus.io/port", String.valueOf(management))
				.containsEntry("prometheus.io/path", "/actuator/prometheus");
			assertThat(toManagement).as(name + ": the scraper and no one else").hasSize(1);
			assertThat(toManagement.get(0).getFrom()).singleElement().satisfies((peer) -> {
				assertThat(peer.getNamespaceSelector().getMatchLabels())
					.isEqualTo(Map.of("kubernetes.io/metadata.name", "monitoring"));
				assertThat(peer.getPodSelector().getMatchLabels())
					.isEqualTo(Map.of("app.kubernetes.io/name", "prometheus"));
			});
			assertThat(toManagement.get(0).getPorts()).as(name + ": the management port only").hasSize(1);
		}
	}

	@Test
	void thePodMonitorScrapesTheGatewayAndEveryServiceOnItsManagementPortWithTheJobTheAlertsUse() throws Exception {
		Manifests monitoring = Manifests.parse(Kubectl.kustomize(Project.path(MONITORING)));
		assertThat(monitoring.objects()).extracting((object) -> object.getKind())
			.containsExactlyInAnyOrder("PodMonitor", "PrometheusRule");
		GenericKubernetesResource monitor = monitoring.custom("PodMonitor").findFirst().orElseThrow();
		assertThat(monitor.getApiVersion()).isEqualTo("monitoring.coreos.com/v1");
		JsonNode spec = Project.YAML.valueToTree(monitor.getAdditionalProperties().get("spec"));
		assertThat(spec.path("jobLabel").asText()).isEqualTo("app.kubernetes.io/name");
		assertThat(spec.path("podMetricsEndpoints")).singleElement().satisfies((endpoint) -> {
			assertThat(endpoint.path("port").asText()).isEqualTo("management");
			assertThat(endpoint.path("path").asText()).isEqualTo("/actuator/prometheus");
		});
		LabelSelector selector = Project.YAML.treeToValue(spec.path("selector"), LabelSelector.class);
		Manifests base = Manifests.parse(Kubectl.kustomize(Project.path("infra/k8s/base")));
		Set<String> scraped = base.all(Deployment.class)
			.map((deployment) -> deployment.getSpec().getTemplate().getMetadata().getLabels())
			.filter((labels) -> Manifests.selects(selector, labels))
			.map((labels) -> labels.get("app.kubernetes.io/name"))
			.collect(Collectors.toCollection(TreeSet::new));
		assertThat(scraped).as("the pods it selects, by job (every Deployment)")
			.containsExactlyInAnyOrderElementsOf(MANAGEMENT_PORTS.keySet());
		assertThat(base.all(StatefulSet.class)
			.map((set) -> set.getSpec().getTemplate().getMetadata().getLabels())
			.filter((labels) -> Manifests.selects(selector, labels))).as("not the sessions' Redis").isEmpty();
		for (String job : MANAGEMENT_PORTS.keySet()) {
			assertThat(rules().stream()
				.filter((rule) -> rule.path("alert").asText().startsWith("KetaclinicService"))
				.map((rule) -> rule.path("expr").asText()))
				.as("KetaclinicServiceDown and KetaclinicServiceAbsent watch " + job)
				.hasSize(2)
				.allMatch((expr) -> expr.matches("(?s).*job(=~?)\"([a-z|]*\\|)?" + job + "(\\|[a-z|]*)?\".*"));
		}
	}

	@Test
	void readinessIsTheDatabaseAloneAndKafkaIsReportedOnItsOwn() throws IOException {
		for (Project.Deployable service : Project.SERVICES) {
			JsonNode health = Project.YAML
				.readTree(Project.read(service.module() + "/src/main/resources/application.yml"))
				.path("management")
				.path("endpoint")
				.path("health");
			assertThat(health.path("group").path("readiness").path("include").asText()).as(service.name())
				.isEqualTo("readinessState,db");
			assertThat(health.path("show-components").asText())
				.as(service.name() + ": kafka visible on /actuator/health")
				.isEqualTo("always");
		}
		JsonNode gateway = Project.YAML.readTree(Project.read("gateway/src/main/resources/application.yml"));
		assertThat(gateway.at("/management/endpoint/health/group/readiness/include").asText())
			.isEqualTo("readinessState");
	}

	/** The names in the captured scrape, and the meters the services' code registers. */
	private static Set<String> exposedMetrics() throws IOException {
		Set<String> names = new TreeSet<>();
		Project.read(MONITORING + "/tests/exposed-metrics.txt")
			.lines()
			.map(String::trim)
			.filter((line) -> !line.isEmpty() && !line.startsWith("#"))
			.forEach(names::add);
		Pattern meter = Pattern.compile(
				"(Counter|Gauge|Timer)\\.builder\\(\"([a-z0-9.]+)\"|\\.(counter|gauge|timer)\\(\\s*\"([a-z0-9.]+)\"");
		try (Stream<Path> sources = Files.walk(Project.path("services"))) {
			for (Path source : sources.filter((path) -> path.toString().endsWith(".java"))
				.filter((path) -> path.toString().contains("/src/main/"))
				.toList()) {
				Matcher found = meter.matcher(Files.readString(source));
				while (found.find()) {
					String type = (found.group(1) != null) ? found.group(1).toLowerCase() : found.group(3);
					String name = ((found.group(2) != null) ? found.group(2) : found.group(4)).replace('.', '_');
					switch (type) {
						case "counter" -> names.add(name + "_total");
						case "timer" -> names
							.addAll(List.of(name + "_seconds_count", name + "_seconds_sum", name + "_seconds_max"));
						default -> names.add(name);
					}
				}
			}
		}
		return names;
	}

	/** Each heading's GitHub anchor and the text under it, up to the next heading. */
	private static Map<String, String> runbookSections(String markdown) {
		Map<String, String> sections = new LinkedHashMap<>();
		String anchor = null;
		StringBuilder text = new StringBuilder();
		for (String line : markdown.split("\n", -1)) {
			if (line.startsWith("#")) {
				if (anchor != null) {
					sections.put(anchor, text.toString());
				}
				anchor = line.replaceFirst("^#+\\s*", "")
					.toLowerCase()
					.replaceAll("[^a-z0-9 _-]", "")
					.trim()
					.replace(' ', '-');
				text.setLength(0);
			}
			else {
				text.append(line).append('\n');
			}
		}
		if (anchor != null) {
			sections.put(anchor, text.toString());
		}
		return sections;
	}

	private static String promtool() {
		String configured = System.getenv("PROMTOOL");
		if (configured != null && !configured.isBlank()) {
			return configured;
		}
		return Stream.of(System.getenv("PATH").split(":"))
			.map((dir) -> Path.of(dir, "promtool"))
			.filter(Files::isExecutable)
			.map(Path::toString)
			.findFirst()
			.orElse(null);
	}

	private static String run(Path directory, String... command) throws Exception {
		Process process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true).start();
		String output = new String(process.getInputStream().readAllBytes());
		assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
		assertThat(process.exitValue()).as(String.join(" ", command) + ":\n" + output).isZero();
		return output;
	}

	/**
	 * A parser of the PromQL the rules use (selectors with matchers, range vectors,
	 * functions, aggregations with {@code by}/{@code without}, arithmetic, comparisons
	 * and set operators): what does not parse here is refused, with where and why.
	 */
	static final class PromQL {

		private static final Set<String> AGGREGATIONS = Set.of("sum", "min", "max", "avg", "count", "group", "stddev",
				"stdvar", "topk", "bottomk", "quantile", "count_values");

		/** Functions and whether their (first) argument must be a range vector. */
		private static final Map<String, Boolean> FUNCTIONS = Map.ofEntries(Map.entry("rate", true),
				Map.entry("irate", true), Map.entry("increase", true), Map.entry("delta", true),
				Map.entry("deriv", true), Map.entry("changes", true), Map.entry("resets", true),
				Map.entry("avg_over_time", true), Map.entry("min_over_time", true), Map.entry("max_over_time", true),
				Map.entry("sum_over_time", true), Map.entry("count_over_time", true),
				Map.entry("absent_over_time", true), Map.entry("absent", false), Map.entry("abs", false),
				Map.entry("ceil", false), Map.entry("floor", false), Map.entry("round", false),
				Map.entry("clamp_min", false), Map.entry("clamp_max", false), Map.entry("histogram_quantile", false),
				Map.entry("time", false), Map.entry("vector", false), Map.entry("scalar", false));

		private static final Pattern TOKEN = Pattern.compile("\\s*(?:(?<number>\\d+(?:\\.\\d+)?(?:e[+-]?\\d+)?)"
				+ "|(?<duration>\\[(?:\\d+(?:ms|s|m|h|d|w|y))+\\])|(?<ident>[a-zA-Z_:][a-zA-Z0-9_:]*)"
				+ "|(?<string>\"(?:[^\"\\\\]|\\\\.)*\"|'(?:[^'\\\\]|\\\\.)*')"
				+ "|(?<op>==|!=|>=|<=|=~|!~|[-+*/%^<>=(){},\\[\\]]))");

		private final List<String> tokens = new ArrayList<>();

		private final Set<String> metrics = new TreeSet<>();

		private int at;

		private PromQL(String expr) {
			Matcher matcher = TOKEN.matcher(expr);
			int position = 0;
			while (position < expr.length()) {
				if (expr.substring(position).isBlank()) {
					break;
				}
				if (!matcher.find(position) || matcher.start() != position) {
					throw new IllegalArgumentException("unexpected character at " + position + " in " + expr);
				}
				this.tokens.add(matcher.group().trim());
				position = matcher.end();
			}
		}

		/** The metric names the expression selects; refuses one that does not parse. */
		static Set<String> metricNames(String expr) {
			PromQL parser = new PromQL(expr);
			parser.expression(0);
			if (parser.at != parser.tokens.size()) {
				throw parser.error("end of expression");
			}
			return parser.metrics;
		}

		/** Binary operators, lowest precedence first. */
		private static final List<Set<String>> LEVELS = List.of(Set.of("or"), Set.of("and", "unless"),
				Set.of("==", "!=", ">", "<", ">=", "<="), Set.of("+", "-"), Set.of("*", "/", "%", "atan2"),
				Set.of("^"));

		/**
		 * Parses one operand chain at the level; returns whether it is a range vector.
		 */
		private boolean expression(int level) {
			if (level == LEVELS.size()) {
				return unary();
			}
			boolean range = expression(level + 1);
			while (this.at < this.tokens.size() && LEVELS.get(level).contains(peek())) {
				if (range) {
					throw error("an instant vector or scalar before " + peek());
				}
				next();
				if (level == 2 && "bool".equals(peekOrNull())) {
					next();
				}
				if (expression(level + 1)) {
					throw error("an instant vector or scalar after a binary operator");
				}
			}
			return range;
		}

		private boolean unary() {
			if ("-".equals(peekOrNull()) || "+".equals(peekOrNull())) {
				next();
			}
			return primary();
		}

		private boolean primary() {
			String token = next();
			if (token.equals("(")) {
				boolean range = expression(0);
				expect(")");
				return range;
			}
			if (Character.isDigit(token.charAt(0))) {
				return false;
			}
			if (token.startsWith("\"") || token.startsWith("'")) {
				return false;
			}
			if (token.equals("{")) {
				this.at--;
				return selector(null);
			}
			if (!Character.isLetter(token.charAt(0)) && token.charAt(0) != '_' && token.charAt(0) != ':') {
				throw error("an expression", token);
			}
			if (AGGREGATIONS.contains(token)) {
				aggregation();
				return false;
			}
			if ("(".equals(peekOrNull())) {
				Boolean needsRange = FUNCTIONS.get(token);
				if (needsRange == null) {
					throw error("a known function", token);
				}
				next();
				if (!")".equals(peekOrNull())) {
					boolean range = expression(0);
					if (range != needsRange) {
						throw error(token + " takes " + (needsRange ? "a range vector" : "an instant vector"));
					}
					while (",".equals(peekOrNull())) {
						next();
						expression(0);
					}
				}
				expect(")");
				return false;
			}
			return selector(token);
		}

		private void aggregation() {
			grouping();
			expect("(");
			expression(0);
			while (",".equals(peekOrNull())) {
				next();
				expression(0);
			}
			expect(")");
			grouping();
		}

		private void grouping() {
			if ("by".equals(peekOrNull()) || "without".equals(peekOrNull())) {
				next();
				expect("(");
				while (!")".equals(peekOrNull())) {
					label();
					if (",".equals(peekOrNull())) {
						next();
					}
					else if (!")".equals(peekOrNull())) {
						throw error(") or ,", peekOrNull());
					}
				}
				expect(")");
			}
		}

		private boolean selector(String name) {
			if (name != null) {
				if (LEVELS.stream().anyMatch((level) -> level.contains(name)) || name.equals("by")
						|| name.equals("without") || name.equals("bool")) {
					throw error("a metric name", name);
				}
				this.metrics.add(name);
			}
			if ("{".equals(peekOrNull())) {
				next();
				while (!"}".equals(peekOrNull())) {
					String label = label();
					String operator = next();
					if (!Set.of("=", "!=", "=~", "!~").contains(operator)) {
						throw error("a label matcher", operator);
					}
					String value = next();
					if (!value.startsWith("\"") && !value.startsWith("'")) {
						throw error("a quoted label value", value);
					}
					String unquoted = value.substring(1, value.length() - 1);
					if (operator.endsWith("~")) {
						try {
							Pattern.compile(unquoted);
						}
						catch (PatternSyntaxException ex) {
							throw error("a valid regular expression for " + label, value);
						}
					}
					if (label.equals("__name__") && operator.equals("=")) {
						this.metrics.add(unquoted);
					}
					if (",".equals(peekOrNull())) {
						next();
					}
				}
				expect("}");
			}
			if (peekOrNull() != null && peekOrNull().startsWith("[")) {
				next();
				return true;
			}
			if ("[".equals(peekOrNull())) {
				throw error("a duration such as [5m]", peekOrNull());
			}
			return false;
		}

		private String label() {
			String label = next();
			if (!label.matches("[a-zA-Z_][a-zA-Z0-9_]*")) {
				throw error("a label name", label);
			}
			return label;
		}

		private void expect(String token) {
			String found = (this.at < this.tokens.size()) ? next() : null;
			if (!token.equals(found)) {
				throw error(token, found);
			}
		}

		private String next() {
			if (this.at >= this.tokens.size()) {
				throw error("more of the expression");
			}
			return this.tokens.get(this.at++);
		}

		private String peek() {
			return this.tokens.get(this.at);
		}

		private String peekOrNull() {
			return (this.at < this.tokens.size()) ? this.tokens.get(this.at) : null;
		}

		private IllegalArgumentException error(String expected, String found) {
			return new IllegalArgumentException(
					"expected " + expected + " but found " + found + " in " + String.join(" ", this.tokens));
		}

		private IllegalArgumentException error(String expected) {
			return error(expected, peekOrNull());
		}

	}

}
