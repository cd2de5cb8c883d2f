package org.ketaclinic.platform.audit;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.ketaclinic.platform.test.TestTokens;
import org.ketaclinic.platform.test.WithInfrastructure;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Someone with the database's superuser switches the append-only triggers off, changes an
 * entry and deletes another: the verification names the entry each time.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@WithInfrastructure
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AuditTamperingIT {

	private static final String FRONT_DESK = TestTokens.bearer("frontdesk-1", "FRONT_DESK");

	private static final String ADMIN = TestTokens.bearer("admin-1", "ADMIN");

	@LocalServerPort
	int port;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	TransactionTemplate transactions;

	@Test
	@Order(1)
	void aChangedEntryAndADeletedEntryAreNamedByTheVerification() {
		for (int i = 0; i < 5; i++) {
			assertThat(http().call("POST", "/api/proof/orders", AuditHttp.order("tamper-" + i), FRONT_DESK).status())
				.isEqualTo(201);
		}
		assertThat(verification().get("verified").asBoolean()).isTrue();
		List<Long> ids = this.jdbc.queryForList("SELECT id FROM audit_event WHERE action = 'ORDER_PLACED' ORDER BY id",
				Long.class);
		long changed = ids.get(1);
		Map<String, Object> original = this.jdbc.queryForMap("SELECT actor, resource FROM audit_event WHERE id = ?",
				changed);

		asSuperuserWithoutTriggers("UPDATE audit_event SET actor = 'someone-else' WHERE id = " + changed);
		JsonNode broken = verification();
		assertThat(broken.get("verified").asBoolean()).isFalse();
		assertThat(broken.get("firstBrokenId").asLong()).isEqualTo(changed);
		assertThat(broken.get("reason").asString()).contains("changed");

		asSuperuserWithoutTriggers(
				"UPDATE audit_event SET actor = '" + original.get("actor") + "' WHERE id = " + changed);
		assertThat(verification().get("verified").asBoolean()).as("restored").isTrue();

		long deleted = ids.get(3);
		asSuperuserWithoutTriggers("DELETE FROM audit_event WHERE id = " + deleted);
		JsonNode gap = verification();
		assertThat(gap.get("verified").asBoolean()).isFalse();
		assertThat(gap.get("firstBrokenId").asLong()).as("the entry after the deleted one")
			.isEqualTo(this.jdbc.queryForObject("SELECT min(id) FROM audit_event WHERE id > ?", Long.class, deleted));
		assertThat(gap.get("reason").asString()).contains("deleted");
	}

	@Test
	@Order(2)
	void removingTheFirstEntriesIsDetectedToo() {
		assertThat(http().call("POST", "/api/proof/orders", AuditHttp.order("first"), FRONT_DESK).status())
			.isEqualTo(201);
		long first = this.jdbc.queryForObject("SELECT min(id) FROM audit_event", Long.class);
		// the chain is broken further on since the test before; the first break is now at
		// the start
		asSuperuserWithoutTriggers("DELETE FROM audit_event WHERE id = " + first);
		JsonNode verification = verification();
		assertThat(verification.get("verified").asBoolean()).isFalse();
		assertThat(verification.get("firstBrokenId").asLong())
			.isEqualTo(this.jdbc.queryForObject("SELECT min(id) FROM audit_event", Long.class));
	}

	private void asSuperuserWithoutTriggers(String statement) {
		this.transactions.executeWithoutResult((status) -> {
			this.jdbc.execute("SET LOCAL session_replication_role = replica");
			this.jdbc.execute(statement);
		});
	}

	private JsonNode verification() {
		AuditHttp.Response response = http().call("GET", "/admin/audit/verification", null, ADMIN);
		assertThat(response.status()).isEqualTo(200);
		return response.json();
	}

	private AuditHttp http() {
		return new AuditHttp(this.port);
	}

}
