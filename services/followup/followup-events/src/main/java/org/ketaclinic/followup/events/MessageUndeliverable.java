package org.ketaclinic.followup.events;

import java.time.Instant;
import java.util.List;

import org.ketaclinic.events.EventType;
import org.ketaclinic.events.MessageId;
import org.ketaclinic.events.PatientId;
import org.ketaclinic.events.TaskId;

/**
 * A message could not be delivered by any channel the patient consented to; the front
 * desk has a task to reach the patient another way.
 *
 * @param patientId the patient
 * @param messageIds the planned messages it carried
 * @param kinds their kinds, e.g. {@code REMINDER_24H}
 * @param channelsTried the channels tried, in order
 * @param reason a code: {@code NO_USABLE_CHANNEL}, {@code PROVIDER_REJECTED} or
 * {@code RETRIES_EXHAUSTED}
 * @param taskId the staff task opened
 * @param failedAt when
 * @param clinicId the patient's clinic (ADR 12); absent in events written before clinics,
 * which belong to the default clinic
 */
public record MessageUndeliverable(PatientId patientId, List<MessageId> messageIds, List<String> kinds,
		List<DeliveryChannel> channelsTried, UndeliverableReason reason, TaskId taskId, Instant failedAt,
		String clinicId) implements FollowupEvent {

	@Override
	public EventType type() {
		return FollowupEvents.MESSAGE_UNDELIVERABLE;
	}

	/**
	 * The first message, for messages that never had a delivery (no usable contact
	 * details); a delivery's messages are published with the delivery as their subject
	 * ({@code Outbox.publish(event, subject)}).
	 */
	@Override
	public String subject() {
		return messageIds().get(0).toString();
	}

	@Override
	public <C> void sendTo(FollowupEvent.Handler<C> handler, C context) {
		handler.on(this, context);
	}

	/**
	 * The event as it was written before clinics (ADR 12): of the default clinic.
	 */
	public MessageUndeliverable(PatientId patientId, List<MessageId> messageIds, List<String> kinds,
			List<DeliveryChannel> channelsTried, UndeliverableReason reason, TaskId taskId, Instant failedAt) {
		this(patientId, messageIds, kinds, channelsTried, reason, taskId, failedAt, null);
	}

}
