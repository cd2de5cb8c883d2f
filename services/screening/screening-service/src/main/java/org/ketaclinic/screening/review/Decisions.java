package org.ketaclinic.screening.review;

import java.sql.Timestamp;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.ketaclinic.platform.events.EventJson;
import org.ketaclinic.screening.events.Decision;
import org.ketaclinic.screening.events.Protocol;
import tools.jackson.core.type.TypeReference;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** All clinicians' decisions. */
@Repository
public class Decisions {

	private static final TypeReference<List<ClinicianDecision.Override>> OVERRIDES = new TypeReference<>() {
	};

	private final JdbcClient jdbc;

	Decisions(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** Adds a decision, of its assessment's clinic. */
	void add(ClinicianDecision decision, String clinicId) {
		this.jdbc.sql("""
				INSERT INTO decision (assessment_id, decision, protocol, rationale, overrides, decided_by, decided_at,
					clinic_id)
				VALUES (?, ?, ?, ?, ?::jsonb, ?, ?, ?)
				""")
			.params(decision.assessmentId(), decision.decision().name(),
					(decision.protocol() != null) ? decision.protocol().name() : null, decision.rationale(),
					EventJson.mapper().writeValueAsString(decision.overrides()), decision.decidedBy(),
					Timestamp.from(decision.decidedAt()), clinicId)
			.update();
	}

	/**
	 * The decision on an assessment; the caller has loaded the assessment through the
	 * caller's clinics already.
	 */
	public Optional<ClinicianDecision> of(UUID assessmentId) {
		return this.jdbc.sql("SELECT * FROM decision WHERE assessment_id = ?")
			.param(assessmentId)
			.query((rs, row) -> new ClinicianDecision(rs.getObject("assessment_id", UUID.class),
					Decision.valueOf(rs.getString("decision")),
					(rs.getString("protocol") != null) ? Protocol.valueOf(rs.getString("protocol")) : null,
					rs.getString("rationale"), EventJson.mapper().readValue(rs.getString("overrides"), OVERRIDES),
					rs.getString("decided_by"), rs.getTimestamp("decided_at").toInstant()))
			.optional();
	}

}
