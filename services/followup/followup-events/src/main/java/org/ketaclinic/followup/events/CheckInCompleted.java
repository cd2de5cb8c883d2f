package org.ketaclinic.followup.events;

import java.time.Instant;
import java.util.List;

import org.ketaclinic.events.CheckInId;
import org.ketaclinic.events.EventType;
import org.ketaclinic.events.PatientId;

/**
 * A patient answered a check-in. Scores and codes only: the item answers and free text
 * stay in follow-up.
 *
 * @param patientId the patient
 * @param checkInId the check-in
 * @param kind why it was asked, e.g. {@code POST_SERIES}, {@code EXTRA}
 * @param phq9Total the PHQ-9 total (0–27), null when only item 9 was asked
 * @param phq9Item9 PHQ-9 item 9 (0–3)
 * @param baselinePhq9 the baseline PHQ-9 total it is measured against, if known
 * @param status the response status against the baseline: {@code REMISSION},
 * {@code RESPONSE}, {@code PARTIAL_RESPONSE}, {@code NO_RESPONSE} or {@code UNKNOWN}
 * @param sideEffects side-effect codes reported, e.g. {@code NAUSEA}
 * @param completedAt when it was answered
 * @param clinicId the patient's clinic (ADR 12); absent in events written before clinics,
 * which belong to the default clinic
 */
public record CheckInCompleted(PatientId patientId, CheckInId checkInId, String kind, Integer phq9Total, int phq9Item9,
		Integer baselinePhq9, CheckInStatus status, List<String> sideEffects, Instant completedAt,
		String clinicId) implements FollowupEvent {

	@Override
	public EventType type() {
		return FollowupEvents.CHECK_IN_COMPLETED;
	}

	@Override
	public String subject() {
		return checkInId().toString();
	}

	@Override
	public <C> void sendTo(FollowupEvent.Handler<C> handler, C context) {
		handler.on(this, context);
	}

	/**
	 * The event as it was written before clinics (ADR 12): of the default clinic.
	 */
	public CheckInCompleted(PatientId patientId, CheckInId checkInId, String kind, Integer phq9Total, int phq9Item9,
			Integer baselinePhq9, CheckInStatus status, List<String> sideEffects, Instant completedAt) {
		this(patientId, checkInId, kind, phq9Total, phq9Item9, baselinePhq9, status, sideEffects, completedAt, null);
	}

}
