package org.ketaclinic.deploy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * {@code infra/compose/compose.yaml}: complete (every component of a single-host
 * deployment), wired consistently, configured by environment variables only, and its
 * Keycloak realm holds the roles, users and clients the platform expects.
 */
class ComposeFileTests {

	private static final Set<String> PLATFORM = Set.of("intake", "screening", "scheduling", "followup", "gateway");

	private static ComposeFile compose;

	@BeforeAll
	static void read() throws Exception {
		compose = ComposeFile.read(Project.read("infra/compose/compose.yaml"));
	}

	@Test
	void holdsEveryComponentOfASingleHostDeployment() {
		assertThat(compose.services).containsOnlyKeys("postgres", "kafka", "keycloak", "mail", "sms-sink", "intake",
				"screening", "scheduling", "followup", "gateway", "redis");
		compose.services.forEach((name, service) -> {
			assertThat(service.image()).as(name + ": a pinned image").contains(":").doesNotEndWith(":latest");
			assertThat(service.restart()).as(name).isEqualTo("unless-stopped");
			assertThat(service.healthcheck()).as(name + " has a health check").isNotNull();
			assertThat(service.healthcheck().test()).as(name).isNotEmpty();
		});
	}

	@Test
	void aMisspeltKeyIsRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> ComposeFile.read("""
				services:
				  intake:
				    image: ghcr.io/ketaclinic/intake-service:1
				    helthcheck:
				      test: ["CMD", "true"]
				""")).withMessageContaining("helthcheck");
	}

	@Test
	void dependenciesExistAndWaitForHealth() {
		compose.services.forEach((name, service) -> service.dependsOn().forEach((target, dependency) -> {
			assertThat(compose.services).as(name + " depends on " + target).containsKey(target);
			assertThat(dependency.condition()).as(name + " -> " + target).isEqualTo("service_healthy");
		}));
		for (Project.Deployable service : Project.SERVICES) {
			assertThat(compose.services.get(service.name()).dependsOn()).containsKeys("postgres", "kafka", "keycloak");
		}
		assertThat(compose.services.get("gateway").dependsOn()).containsKeys("intake", "screening", "scheduling",
				"followup", "keycloak");
	}

	@Test
	void onlyTheGatewayAndTheToolsForPeopleArePublishedOnTheHost() {
		List<String> published = new ArrayList<>();
		compose.services.forEach((name, service) -> service.ports().forEach((port) -> {
			String[] parts = port.split(":");
			published.add(name + " " + ((parts.length == 3) ? parts[0] + " " : "") + parts[parts.length - 2]);
		}));
		// the SMS sink and the mail catcher show every text and email (check-in links are
		// credentials), Keycloak its admin console: this host only
		assertThat(published).containsExactlyInAnyOrder("gateway 8080", "keycloak 127.0.0.1 8180",
				"mail 127.0.0.1 8025", "sms-sink 127.0.0.1 8089");
	}

	@Test
	void noSecretHasADefaultAndEveryOneTheServicesRequireIsSet() {
		java.util.regex.Matcher matcher = java.util.regex.Pattern
			.compile("\\$\\{([A-Z0-9_]*(?:PASSWORD|SECRET|API_KEY))(:[-?]?)?([^}]*)}")
			.matcher(Project.read("infra/compose/compose.yaml"));
		int secrets = 0;
		while (matcher.find()) {
			secrets++;
			assertThat(matcher.group(2)).as(matcher.group(1) + ": required, no usable default").isEqualTo(":?");
		}
		assertThat(secrets).isGreaterThan(10);
		Map<String, String> followup = compose.services.get("followup").environment();
		assertThat(followup).containsKeys("SPRING_DATASOURCE_PASSWORD", "KETACLINIC_FOLLOWUP_CHECKINS_LINKSECRET",
				"KETACLINIC_FOLLOWUP_SMS_WEBHOOKSECRET", "KETACLINIC_FOLLOWUP_SMS_APIKEY");
		Map<String, String> sink = compose.services.get("sms-sink").environment();
		assertThat(sink.get("SMS_SINK_API_KEY")).isEqualTo(followup.get("KETACLINIC_FOLLOWUP_SMS_APIKEY"));
		assertThat(sink.get("SMS_SINK_SECRET")).isEqualTo(followup.get("KETACLINIC_FOLLOWUP_SMS_WEBHOOKSECRET"));
		assertThat(compose.services.get("keycloak").environment()).containsKeys("FRONTDESK_USER_PASSWORD",
				"CLINICIAN_USER_PASSWORD", "ADMIN_USER_PASSWORD", "LAKESIDE_FRONTDESK_USER_PASSWORD",
				"LAKESIDE_CLINICIAN_USER_PASSWORD", "GROUP_FRONTDESK_USER_PASSWORD");
		assertThat(compose.services.get("gateway").environment().get("SPRING_DATA_REDIS_PASSWORD"))
			.as("the session store needs the password Redis requires")
			.isEqualTo(compose.services.get("redis").environment().get("REDISCLI_AUTH"))
			.startsWith("${REDIS_PASSWORD:?");
	}

	@Test
	void thePlatformIsConfiguredByEnvironmentVariablesOnlyAndUsesItsOwnImages() {
		for (String name : PLATFORM) {
			ComposeFile.Service service = compose.services.get(name);
			assertThat(service.volumes()).as(name + ": no configuration files").isNull();
			assertThat(service.command()).as(name + ": the image's own entry point").isNull();
			Project.Deployable deployable = name.equals("gateway") ? Project.GATEWAY
					: Project.SERVICES.stream().filter((candidate) -> candidate.name().equals(name)).findFirst().get();
			assertThat(service.image())
				.isEqualTo("ghcr.io/ketaclinic/" + deployable.artifact() + ":" + System.getProperty("project.version"));
			assertThat(service.healthcheck().test()).as(name)
				.anyMatch((part) -> part.contains("localhost:" + deployable.port() + "/actuator/health/readiness"));
			assertThat(service.environment().keySet()).as(name)
				.allMatch((variable) -> variable.matches("[A-Z][A-Z0-9_]*"));
		}
		for (Project.Deployable service : Project.SERVICES) {
			Map<String, String> env = compose.services.get(service.name()).environment();
			assertThat(env.get("SPRING_DATASOURCE_URL")).isEqualTo("jdbc:postgresql://postgres:5432/" + service.name());
			assertThat(env.get("SPRING_DATASOURCE_USERNAME")).isEqualTo(service.name());
			String password = env.get("SPRING_DATASOURCE_PASSWORD");
			assertThat(compose.services.get("postgres").environment())
				.as("the role the database script creates has the password the service uses")
				.containsEntry(service.name().toUpperCase() + "_DB_PASSWORD", password);
			assertThat(env).containsEntry("KETACLINIC_SECURITY_ROLESCLAIM", "realm_access.roles");
			assertThat(env.get("SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_ISSUERURI"))
				.isEqualTo(compose.services.get("gateway").environment().get("KETACLINIC_GATEWAY_OIDC_ISSUERURI"));
		}
		Map<String, String> gateway = compose.services.get("gateway").environment();
		for (Project.Deployable service : Project.SERVICES) {
			assertThat(gateway).containsEntry("KETACLINIC_" + service.name().toUpperCase() + "_URI",
					"http://" + service.name() + ":" + service.port());
		}
		assertThat(Project.read("infra/compose/postgres/10-databases.sh"))
			.contains("for service in intake screening scheduling followup");
	}

	@Test
	void everyVariableTheFileReadsIsInTheExampleEnvironmentFile() {
		Set<String> read = new HashSet<>();
		java.util.regex.Matcher matcher = java.util.regex.Pattern.compile("\\$\\{([A-Z0-9_]+)(:[-?][^}]*)?}")
			.matcher(Project.read("infra/compose/compose.yaml"));
		while (matcher.find()) {
			read.add(matcher.group(1));
		}
		Set<String> example = new HashSet<>();
		for (String line : Project.read("infra/compose/.env.example").split("\n")) {
			if (line.matches("[A-Z0-9_]+=.*")) {
				example.add(line.substring(0, line.indexOf('=')));
			}
		}
		assertThat(read).hasSizeGreaterThan(10);
		assertThat(example).containsExactlyInAnyOrderElementsOf(read);
	}

	@Test
	void theIssuerIsTheSameNameForBrowsersAndContainers() {
		String issuer = compose.services.get("gateway").environment().get("KETACLINIC_GATEWAY_OIDC_ISSUERURI");
		ComposeFile.Service keycloak = compose.services.get("keycloak");
		String host = keycloak.environment().get("KC_HOSTNAME");
		assertThat(issuer).isEqualTo(host + "/realms/ketaclinic");
		String hostName = host.replaceFirst("^https?://", "").replaceFirst(":\\d+$", "");
		assertThat(keycloak.networks().get("default").aliases()).contains(hostName);
		assertThat(keycloak.ports()).contains("127.0.0.1:8180:8180");
		assertThat(keycloak.environment()).containsEntry("KC_HTTP_PORT", "8180");
	}

	@Test
	void theRealmHoldsThePlatformsRolesUsersAndClients() throws Exception {
		JsonNode realm = new ObjectMapper().readTree(Project.read("infra/compose/keycloak/ketaclinic-realm.json"));
		assertThat(realm.path("realm").asText()).isEqualTo("ketaclinic");
		Set<String> roles = new HashSet<>();
		realm.path("roles").path("realm").forEach((role) -> roles.add(role.path("name").asText()));
		assertThat(roles).containsExactlyInAnyOrder(platformRoles().toArray(String[]::new));
		Map<String, String> userRoles = new java.util.HashMap<>();
		realm.path("users")
			.forEach((user) -> userRoles.put(user.path("username").asText(), user.path("realmRoles").get(0).asText()));
		assertThat(userRoles).containsEntry("frontdesk", "FRONT_DESK")
			.containsEntry("clinician", "CLINICIAN")
			.containsEntry("admin", "ADMIN")
			.containsEntry("service-account-frontdesk-cli", "FRONT_DESK")
			.containsEntry("service-account-clinician-cli", "CLINICIAN");
		Map<String, JsonNode> clients = new java.util.HashMap<>();
		realm.path("clients").forEach((client) -> clients.put(client.path("clientId").asText(), client));
		JsonNode gatewayClient = clients.get("gateway");
		assertThat(gatewayClient.path("redirectUris").get(0).asText())
			.isEqualTo("http://localhost:8080/login/oauth2/code/ketaclinic");
		assertThat(gatewayClient.path("attributes").path("pkce.code.challenge.method").asText()).isEqualTo("S256");
		assertThat(gatewayClient.path("secret").asText()).isEqualTo("${GATEWAY_CLIENT_SECRET}");
		assertThat(compose.services.get("keycloak").environment().get("GATEWAY_CLIENT_SECRET"))
			.isEqualTo(compose.services.get("gateway").environment().get("KETACLINIC_GATEWAY_OIDC_CLIENTSECRET"));
		for (String cli : List.of("frontdesk-cli", "clinician-cli", "other-cli")) {
			assertThat(clients.get(cli).path("serviceAccountsEnabled").asBoolean()).as(cli).isTrue();
			assertThat(clients.get(cli).path("standardFlowEnabled").asBoolean()).as(cli).isFalse();
		}
	}

	@Test
	void theServicesAcceptTokensOfExactlyTheRealmsClientsWithKetaClinicsAudience() throws Exception {
		JsonNode realm = new ObjectMapper().readTree(Project.read("infra/compose/keycloak/ketaclinic-realm.json"));
		Set<String> forKetaClinic = new HashSet<>();
		realm.path("clients").forEach((client) -> client.path("protocolMappers").forEach((mapper) -> {
			if (mapper.path("protocolMapper").asText().equals("oidc-audience-mapper")) {
				assertThat(mapper.path("config").path("included.custom.audience").asText()).isEqualTo("ketaclinic");
				assertThat(mapper.path("config").path("access.token.claim").asText()).isEqualTo("true");
				forKetaClinic.add(client.path("clientId").asText());
			}
		}));
		assertThat(forKetaClinic).as("the gateway and each script integration's own client")
			.containsExactlyInAnyOrder("gateway", "frontdesk-cli", "clinician-cli");
		for (Project.Deployable service : Project.SERVICES) {
			Map<String, String> env = compose.services.get(service.name()).environment();
			assertThat(Set.of(env.get("KETACLINIC_SECURITY_AUTHORIZEDPARTIES").split(","))).as(service.name())
				.isEqualTo(forKetaClinic);
		}
	}

	@Test
	void theRealmHasNoSharedAdminScriptClientAndLeavesKeycloaksOwnAdminCliAlone() throws Exception {
		JsonNode realm = new ObjectMapper().readTree(Project.read("infra/compose/keycloak/ketaclinic-realm.json"));
		realm.path("clients")
			.forEach((client) -> assertThat(client.path("clientId").asText())
				.as("admin-cli is Keycloak's own client in every realm (kcadm.sh); importing one replaces it")
				.isNotEqualTo("admin-cli"));
		realm.path("users").forEach((user) -> {
			if (user.has("serviceAccountClientId")) {
				assertThat(user.path("realmRoles").toString())
					.as(user.path("username").asText() + ": a script client with ADMIN would be shared by people")
					.doesNotContain("ADMIN");
			}
		});
		assertThat(realm.path("users").toString()).as("other-cli's service account gets no platform role")
			.doesNotContain("service-account-other-cli");
	}

	@Test
	void keycloakIsTheVersionTheTestsRunAndGetsEverySecretItsRealmNames() {
		Matcher version = Pattern.compile("<keycloak.version>([^<]+)</keycloak.version>")
			.matcher(Project.read("pom.xml"));
		assertThat(version.find()).isTrue();
		ComposeFile.Service keycloak = compose.services.get("keycloak");
		assertThat(keycloak.image()).as("the version KeycloakRealmIT and the local stack run")
			.isEqualTo("quay.io/keycloak/keycloak:" + version.group(1));
		Matcher placeholder = Pattern.compile("\\$\\{([A-Z0-9_]+)}")
			.matcher(Project.read("infra/compose/keycloak/ketaclinic-realm.json"));
		Set<String> named = new HashSet<>();
		while (placeholder.find()) {
			named.add(placeholder.group(1));
		}
		assertThat(named).contains("GATEWAY_CLIENT_SECRET", "OTHER_CLI_SECRET");
		assertThat(keycloak.environment()).containsKeys(named.toArray(String[]::new));
	}

	/** The roles the services check, from the platform's {@code Roles} constants. */
	private static Set<String> platformRoles() {
		Set<String> roles = new HashSet<>();
		java.util.regex.Matcher matcher = java.util.regex.Pattern
			.compile("public static final String (\\w+) = \"(\\w+)\"")
			.matcher(Project.read("services/platform/src/main/java/org/ketaclinic/platform/security/Roles.java"));
		while (matcher.find()) {
			roles.add(matcher.group(2));
		}
		assertThat(roles).isNotEmpty();
		return roles;
	}

}
