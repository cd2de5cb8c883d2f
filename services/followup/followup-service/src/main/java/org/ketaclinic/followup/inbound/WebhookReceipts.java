package org.ketaclinic.followup.inbound;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The provider's webhook calls already read, by their signed message id: a call replayed
 * within the signature's window acts once. Kept for a day, well beyond that window.
 */
@Component
class WebhookReceipts {

	private static final Duration KEPT = Duration.ofDays(1);

	private final JdbcClient jdbc;

	WebhookReceipts(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Records a call in the caller's transaction.
	 * @return whether this is the first time the message id is seen
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	boolean firstTime(String messageId, Instant now) {
		this.jdbc.sql("DELETE FROM sms_webhook_receipt WHERE received_at < ?")
			.param(Timestamp.from(now.minus(KEPT)))
			.update();
		return this.jdbc
			.sql("INSERT INTO sms_webhook_receipt (message_id, received_at) VALUES (?, ?) ON CONFLICT DO NOTHING")
			.params(messageId, Timestamp.from(now))
			.update() == 1;
	}

}
