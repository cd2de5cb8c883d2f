package org.ketaclinic.platform.audit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.ketaclinic.platform.ProofApplication;
import org.ketaclinic.platform.events.EventJson;
import org.ketaclinic.platform.test.TestTokens;
import org.ketaclinic.platform.test.WithInfrastructure;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.IllegalTransactionStateException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "ketaclinic.audit.refusals-per-second=" + AuditIT.BUDGET)
@WithInfrastructure
class AuditIT {

	static final int BUDGET = 5;

	private static final String FRONT_DESK = TestTokens.bearerNamed("3f6c1a9e-frontdesk", "fiona.desk", "FRONT_DESK");

	private static final String ADMIN = TestTokens.bearer("admin-1", "ADMIN");

	@LocalServerPort
	int port;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	AuditLog audit;

	@Test
	void aCommittedChangeHasItsEntryWithSubjectAndDisplayNameAndARolledBackOneHasNone() {
		AuditHttp.Response placed = http().call("POST", "/api/proof/orders", AuditHttp.order("audited"), FRONT_DESK);
		assertThat(placed.status()).isEqualTo(201);
		UUID orderId = UUID.fromString(placed.json().get("orderId").asString());

		Map<String, Object> entry = this.jdbc.queryForMap("SELECT * FROM audit_event WHERE patient_id = ?", orderId);
		assertThat(entry).containsEntry("action", "ORDER_PLACED")
			.containsEntry("actor", "3f6c1a9e-frontdesk")
			.containsEntry("actor_name", "fiona.desk")
			.containsEntry("roles", "FRONT_DESK")
			.containsEntry("outcome", "OK");
		assertThat((String) entry.get("hash")).hasSize(64);

		int placedBefore = count("action = 'ORDER_PLACED'");
		AuditHttp.Response failed = http().call("POST", "/api/proof/orders",
				AuditHttp.order(ProofApplication.FAIL_AFTER_AUDIT + "-1"), FRONT_DESK);
		assertThat(failed.status()).isEqualTo(500);
		assertThat(this.jdbc.queryForObject(
				"SELECT count(*) FROM proof_order WHERE message_key LIKE 'fail-after-audit%'", Integer.class))
			.isZero();
		assertThat(count("action = 'ORDER_PLACED'")).as("the failed change's entry rolled back with it")
			.isEqualTo(placedBefore);
	}

	@Test
	void aChangeCannotBeAuditedOutsideATransaction() {
		assertThatThrownBy(() -> this.audit.recordChange(null, "ORDER_PLACED", "order/x"))
			.isInstanceOf(IllegalTransactionStateException.class);
	}

	@Test
	void aReadIsAuditedWithTheCallersSubject() {
		UUID orderId = UUID.fromString(http().call("POST", "/api/proof/orders", AuditHttp.order("read"), FRONT_DESK)
			.json()
			.get("orderId")
			.asString());
		String clinician = TestTokens.bearer("clinician-7", "CLINICIAN");
		assertThat(http().call("GET", "/api/proof/orders/" + orderId, null, clinician).status()).isEqualTo(200);
		assertThat(this.jdbc.queryForMap(
				"SELECT actor, actor_name, roles FROM audit_event WHERE patient_id = ?" + " AND action = 'ORDER_READ'",
				orderId))
			.containsEntry("actor", "clinician-7")
			.containsEntry("roles", "CLINICIAN")
			.containsEntry("actor_name", null);
	}

	@Test
	void refusalsAreAuditedWithMethodAndPathButNoQueryOrBody() throws Exception {
		Thread.sleep(1100); // a fresh second of the refusal budget
		UUID orderId = UUID.randomUUID();
		long before = maxId();
		assertThat(http().call("GET", "/api/proof/orders/" + orderId + "?name=Ada%20Lovelace", null, null).status())
			.isEqualTo(401);
		assertThat(
				http().call("POST", "/api/proof/orders", AuditHttp.order("Ada Lovelace"), TestTokens.bearer("nobody-1"))
					.status())
			.as("a valid token without the role, refused by method security")
			.isEqualTo(403);
		assertThat(http().call("GET", "/admin/audit/verification", null, FRONT_DESK).status())
			.as("refused by the filter chain")
			.isEqualTo(403);

		List<Map<String, Object>> refusals = this.jdbc.queryForList(
				"SELECT actor, actor_name, action, resource, outcome, patient_id FROM audit_event WHERE id > ?"
						+ " AND action = 'ACCESS_REFUSED' ORDER BY id",
				before);
		assertThat(refusals)
			.extracting((row) -> row.get("outcome") + " " + row.get("actor") + " " + row.get("resource"))
			.containsExactly("UNAUTHENTICATED anonymous GET /api/proof/orders/" + orderId,
					"FORBIDDEN nobody-1 POST /api/proof/orders",
					"FORBIDDEN 3f6c1a9e-frontdesk GET /admin/audit/verification");
		assertThat(this.jdbc.queryForList("SELECT resource FROM audit_event WHERE id > ?", String.class, before))
			.noneMatch((resource) -> resource.contains("Ada"));
	}

	@Test
	void aFloodOfAnonymousRequestsCostsABoundedNumberOfInsertsAndIsCounted() throws Exception {
		Thread.sleep(1100);
		// a refusal within a fresh budget writes out whatever earlier tests left counted
		http().call("GET", "/api/proof/orders/" + UUID.randomUUID(), null, null);
		long before = maxId();
		int sent = 60;
		long started = System.nanoTime();
		for (int i = 0; i < sent; i++) {
			assertThat(http().call("GET", "/api/proof/orders/" + UUID.randomUUID(), null, null).status())
				.isEqualTo(401);
		}
		long seconds = (System.nanoTime() - started) / 1_000_000_000L + 1;
		Thread.sleep(1100);
		assertThat(http().call("GET", "/api/proof/orders/" + UUID.randomUUID(), null, null).status()).isEqualTo(401);

		int recorded = this.jdbc.queryForObject(
				"SELECT count(*) FROM audit_event WHERE id > ? AND action = 'ACCESS_REFUSED'", Integer.class, before);
		int counted = this.jdbc
			.queryForList("SELECT resource FROM audit_event WHERE id > ? AND action = 'ACCESS_REFUSALS_NOT_RECORDED'",
					String.class, before)
			.stream()
			.mapToInt((resource) -> Integer.parseInt(resource.substring("count=".length())))
			.sum();
		assertThat(recorded).as("one insert each, within the budget of each second the flood lasted")
			.isLessThanOrEqualTo((int) Math.min(sent, BUDGET * (seconds + 1)) + 1);
		assertThat(recorded + counted).as("every refusal recorded or counted").isEqualTo(sent + 1);
	}

	@Test
	void theAuditTableRefusesUpdateDeleteAndTruncateEvenToItsOwner() {
		http().call("POST", "/api/proof/orders", AuditHttp.order("append-only"), FRONT_DESK);
		assertThatThrownBy(() -> this.jdbc.update("UPDATE audit_event SET actor = 'someone-else'"))
			.hasMessageContaining("append-only");
		assertThatThrownBy(() -> this.jdbc.update("DELETE FROM audit_event")).hasMessageContaining("append-only");
		assertThatThrownBy(() -> this.jdbc.execute("TRUNCATE audit_event")).hasMessageContaining("append-only");
	}

	@Test
	void concurrentRequestsKeepOneUnbrokenChain() throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(8);
		try {
			List<Callable<Integer>> calls = new ArrayList<>();
			for (int i = 0; i < 40; i++) {
				String key = "concurrent-" + i;
				calls.add(() -> http().call("POST", "/api/proof/orders", AuditHttp.order(key), FRONT_DESK).status());
			}
			for (Future<Integer> status : pool.invokeAll(calls)) {
				assertThat(status.get()).isEqualTo(201);
			}
		}
		finally {
			pool.shutdownNow();
		}
		AuditHttp.Response verification = http().call("GET", "/admin/audit/verification", null, ADMIN);
		assertThat(verification.status()).isEqualTo(200);
		JsonNode body = verification.json();
		assertThat(body.get("verified").asBoolean()).as(body.toString()).isTrue();
		assertThat(body.get("rows").asLong()).isGreaterThanOrEqualTo(40);
		assertThat(body.get("guardedBy").asString()).as("tests connect as a superuser").isEqualTo("TRIGGERS");
		assertThat(this.jdbc.queryForObject("SELECT count(DISTINCT prev_hash) = count(prev_hash) FROM audit_event",
				Boolean.class))
			.as("no two entries follow the same one")
			.isTrue();
	}

	@Test
	void theExportStreamsTheEntriesOfAPeriodWithTheirChainAndIsAuditedItself() {
		Instant from = Instant.now().minusSeconds(5);
		http().call("POST", "/api/proof/orders", AuditHttp.order("exported"), FRONT_DESK);
		Instant to = Instant.now().plusSeconds(5);

		AuditHttp.Response export = http().call("GET", "/admin/audit/export?from=" + from + "&to=" + to, null, ADMIN);
		assertThat(export.status()).isEqualTo(200);
		assertThat(export.headers().getContentType().toString()).startsWith(AuditController.NDJSON);
		List<JsonNode> lines = export.body().lines().map(EventJson.mapper()::readTree).toList();
		assertThat(lines).isNotEmpty();
		for (int i = 1; i < lines.size(); i++) {
			JsonNode entry = lines.get(i);
			assertThat(entry.get("hash").asString()).hasSize(64);
			if (entry.get("id").asLong() == lines.get(i - 1).get("id").asLong() + 1) {
				assertThat(entry.get("prevHash").asString()).isEqualTo(lines.get(i - 1).get("hash").asString());
			}
		}
		assertThat(lines).anyMatch((entry) -> "ORDER_PLACED".equals(entry.get("action").asString()));
		assertThat(count("action = 'AUDIT_EXPORTED' AND actor = 'admin-1'")).isPositive();

		assertThat(http().call("GET", "/admin/audit/export?from=" + to + "&to=" + from, null, ADMIN).status())
			.isEqualTo(400);
	}

	@Test
	void onlyAdministratorsVerifyOrExport() {
		String export = "/admin/audit/export?from=2026-01-01T00:00:00Z&to=2026-02-01T00:00:00Z";
		for (String path : List.of("/admin/audit/verification", export, "/admin/audit?actor=x")) {
			assertThat(http().call("GET", path, null, null).status()).as(path).isEqualTo(401);
			assertThat(http().call("GET", path, null, FRONT_DESK).status()).as(path).isEqualTo(403);
			assertThat(http().call("GET", path, null, TestTokens.bearer("clinician-1", "CLINICIAN")).status()).as(path)
				.isEqualTo(403);
			assertThat(http().call("GET", path, null, ADMIN).status()).as(path).isEqualTo(200);
		}
	}

	@Test
	void theAuditViewShowsTheSubjectBesideTheDisplayName() {
		UUID orderId = UUID.fromString(http().call("POST", "/api/proof/orders", AuditHttp.order("shown"), FRONT_DESK)
			.json()
			.get("orderId")
			.asString());
		JsonNode entries = http().call("GET", "/admin/audit?patientId=" + orderId, null, ADMIN).json();
		assertThat(entries.size()).isEqualTo(1);
		assertThat(entries.get(0).get("actor").asString()).isEqualTo("3f6c1a9e-frontdesk");
		assertThat(entries.get(0).get("actorName").asString()).isEqualTo("fiona.desk");
		assertThat(entries.get(0).get("hash").asString()).hasSize(64);
	}

	private int count(String where) {
		return this.jdbc.queryForObject("SELECT count(*) FROM audit_event WHERE " + where, Integer.class);
	}

	private long maxId() {
		return this.jdbc.queryForObject("SELECT coalesce(max(id), 0) FROM audit_event", Long.class);
	}

	private AuditHttp http() {
		return new AuditHttp(this.port);
	}

}
