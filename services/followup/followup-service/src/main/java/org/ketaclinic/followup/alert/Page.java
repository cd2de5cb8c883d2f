package org.ketaclinic.followup.alert;

import java.time.Instant;
import java.util.UUID;

/**
 * One page sent to a person on call about an urgent alert.
 *
 * @param id the page
 * @param alertId the alert
 * @param role the role paged: {@code PRIMARY}, {@code BACKUP} or {@code CLINICIAN}
 * @param level the escalation level (1 primary, 2 backup, 3 everyone)
 * @param name who was paged
 * @param status the status of its text: {@code PLANNED}, {@code QUEUED}, {@code SENT},
 * {@code DELIVERED}, {@code FAILED}, {@code UNDELIVERABLE} or {@code CANCELLED}
 * @param sentAt when the text went out, if it did
 * @param acknowledgedAt when the alert was acknowledged, if it was
 */
public record Page(UUID id, UUID alertId, String role, int level, String name, String status, Instant sentAt,
		Instant acknowledgedAt) {
}
