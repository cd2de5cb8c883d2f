package org.ketaclinic.followup.message;

import java.time.Instant;
import java.util.UUID;

import org.ketaclinic.followup.policy.MessageKind;

/**
 * A planned message and what became of it.
 *
 * @param id the message
 * @param patientId the patient
 * @param kind what it is for
 * @param sessionId the session it is about, if any
 * @param checkInId the check-in it links to, if any
 * @param replyTo the number a reply goes to, for replies
 * @param dueAt when its rule says it is due
 * @param scheduledFor when it goes out: the due time moved out of quiet hours
 * @param status {@code PLANNED}, {@code QUEUED}, {@code FAILED} (to be retried),
 * {@code SENT}, {@code DELIVERED}, {@code UNDELIVERABLE}, {@code CANCELLED} or
 * {@code SKIPPED}
 * @param statusReason why it was cancelled, skipped or undeliverable
 * @param channel the channel it went by
 * @param deliveryId the delivery that carried it
 */
public record Message(UUID id, UUID patientId, MessageKind kind, UUID sessionId, UUID checkInId, String replyTo,
		Instant dueAt, Instant scheduledFor, String status, String statusReason, String channel, UUID deliveryId) {
}
