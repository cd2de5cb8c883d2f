package org.ketaclinic.followup.delivery;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UnsupportedEncodingException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Date;
import java.util.Deque;
import java.util.Objects;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.ketaclinic.followup.FollowupProperties;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.stereotype.Component;

/**
 * Email through SMTP. The delivery's idempotency key becomes the Message-ID, so a resend
 * after a crash is recognisable as the same message.
 *
 * <p>
 * SMTP connections are kept open and reused, one per concurrent sender at most, as mail
 * relays expect from a bulk sender: opening one costs a greeting and an EHLO exchange,
 * tens of milliseconds against some servers. A connection is replaced after
 * {@link #MAX_IDLE} without use (before a relay's idle timeout can close it under us),
 * after {@link #MESSAGES_PER_CONNECTION} messages, when it no longer answers, and after
 * any failure.
 *
 * <p>
 * Outcomes ({@link Channel.Outcome}):
 * <ul>
 * <li>{@code SENT}: the server accepted the message;</li>
 * <li>{@code REJECTED}: the address is not one, or the server refused it as unknown;</li>
 * <li>{@code UNAVAILABLE}: nothing of the message reached the server: no connection could
 * be made (refused, timed out, no greeting, the credentials refused), the server closed
 * the connection or stopped answering before the message's content was sent, or it
 * answered 421 (service not available): an outage, not the message's fault, waited out
 * without limit;</li>
 * <li>{@code TRY_AGAIN}: the server refused this message with any other 4xx or 5xx (a
 * mailbox full, a message-level refusal), or the connection was lost after the content
 * was sent and before the server answered: the message may have arrived, and SMTP has no
 * idempotency key, so it is retried only as often as a failing message is (a slow relay
 * must not get the same email every outage backoff).</li>
 * </ul>
 */
@Component
class EmailChannel implements Channel, DisposableBean {

	static final Duration MAX_IDLE = Duration.ofSeconds(10);

	static final int MESSAGES_PER_CONNECTION = 100;

	static final String LOST_AFTER_CONTENT = "SMTP connection lost after the message was sent";

	private final JavaMailSenderImpl mail;

	private final FollowupProperties.Sender sender;

	private final Deque<Connection> idle = new ArrayDeque<>();

	EmailChannel(JavaMailSenderImpl mail, FollowupProperties properties) {
		this.mail = mail;
		this.sender = properties.sender();
	}

	@Override
	public String name() {
		return "EMAIL";
	}

	@Override
	public Result send(String to, Composer.Text text, String idempotencyKey) {
		IdentifiedMessage message;
		try {
			message = new IdentifiedMessage(this.mail.getSession(),
					"<" + idempotencyKey.replace(':', '.') + "@ketaclinic>");
			// set directly: MimeMessageHelper would load and parse a MIME types file for
			// every message
			message.setFrom(new InternetAddress(this.sender.email(), this.sender.name(), "UTF-8"));
			message.setRecipient(Message.RecipientType.TO, new InternetAddress(to));
			message.setSubject(text.subject(), "UTF-8");
			message.setText(text.email(), "UTF-8");
			message.setSentDate(new Date());
			message.saveChanges();
		}
		catch (MessagingException | UnsupportedEncodingException | IllegalArgumentException ex) {
			return Result.rejected("the address is not valid for email");
		}
		Connection connection;
		try {
			connection = borrow();
		}
		catch (MessagingException | IllegalStateException ex) {
			// no connection (refused, timed out, no greeting, the credentials refused):
			// nothing was sent
			return Result.unavailable("SMTP unavailable");
		}
		try {
			connection.transport().sendMessage(message, message.getAllRecipients());
			giveBack(connection.used());
			return Result.sent(idempotencyKey);
		}
		catch (SendFailedException ex) {
			boolean gone = !connection.transport().isConnected();
			close(connection);
			return classify(ex, gone, message.streamed);
		}
		catch (MessagingException | IllegalStateException ex) {
			// the server closed the connection or stopped answering mid-message
			close(connection);
			return message.streamed ? Result.tryAgainMaybeTaken(LOST_AFTER_CONTENT)
					: Result.unavailable("SMTP unavailable");
		}
	}

	/**
	 * What a refusal of the message means. An address refused is for good. The server's
	 * reply code, when it gave one, decides: 421 is the server unavailable (shutting
	 * down, overloaded); any other refusal (a mailbox full, a message-level 4xx or 5xx)
	 * is the message's, tried again and then given up as before, even when the server
	 * closed the connection with it. Without a code, a server that closed the connection
	 * ({@code gone}) is unavailable if the message's content had not been sent, and may
	 * have taken the message if it had ({@code streamed}).
	 */
	static Result classify(SendFailedException ex, boolean gone, boolean streamed) {
		if (ex.getInvalidAddresses() != null && ex.getInvalidAddresses().length > 0) {
			return Result.rejected("SMTP refused the address");
		}
		int code = (ex instanceof SMTPSendFailedException refused) ? refused.getReturnCode() : -1;
		if (code == 421) {
			return Result.unavailable("SMTP unavailable (421)");
		}
		if (code >= 400) {
			return Result.tryAgain("SMTP refused the message (" + code + ")");
		}
		if (gone) {
			return streamed ? Result.tryAgainMaybeTaken(LOST_AFTER_CONTENT) : Result.unavailable("SMTP unavailable");
		}
		return Result.tryAgain("SMTP send failed");
	}

	/**
	 * An idle connection still fit for use (it answers, it is neither old nor full), or a
	 * new one.
	 */
	private Connection borrow() throws MessagingException {
		Connection connection;
		while ((connection = takeIdle()) != null) {
			if (connection.sent() < MESSAGES_PER_CONNECTION
					&& System.nanoTime() - connection.lastUsedNanos() < MAX_IDLE.toNanos()
					&& connection.transport().isConnected()) {
				return connection;
			}
			close(connection);
		}
		Transport transport = this.mail.getSession()
			.getTransport(Objects.requireNonNullElse(this.mail.getProtocol(), "smtp"));
		transport.connect(this.mail.getHost(), this.mail.getPort(), this.mail.getUsername(), this.mail.getPassword());
		return new Connection(transport, 0, System.nanoTime());
	}

	private synchronized Connection takeIdle() {
		return this.idle.pollFirst();
	}

	private synchronized void giveBack(Connection connection) {
		this.idle.addFirst(connection);
	}

	private static void close(Connection connection) {
		if (connection != null) {
			try {
				connection.transport().close();
			}
			catch (MessagingException ex) {
				// already gone
			}
		}
	}

	@Override
	public void destroy() {
		Connection connection;
		while ((connection = takeIdle()) != null) {
			close(connection);
		}
	}

	/**
	 * An open SMTP connection, how many messages it carried and when it was last used.
	 */
	private record Connection(Transport transport, int sent, long lastUsedNanos) {

		Connection used() {
			return new Connection(this.transport, this.sent + 1, System.nanoTime());
		}

	}

	/** A message that keeps the Message-ID it was given instead of a new random one. */
	private static final class IdentifiedMessage extends MimeMessage {

		private final String id;

		/**
		 * Whether its content went to the server (after the server took the DATA
		 * command): from then on a lost connection may have delivered it.
		 */
		private volatile boolean streamed;

		IdentifiedMessage(Session session, String id) {
			super(session);
			this.id = id;
		}

		@Override
		protected void updateMessageID() throws MessagingException {
			setHeader("Message-ID", this.id);
		}

		@Override
		public void writeTo(OutputStream out, String[] ignoreList) throws IOException, MessagingException {
			this.streamed = true;
			super.writeTo(out, ignoreList);
		}

	}

}
