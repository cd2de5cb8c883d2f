package org.ketaclinic.followup.delivery;

import java.io.UnsupportedEncodingException;

import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.ketaclinic.followup.FollowupProperties;

import org.springframework.mail.MailException;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;

/**
 * Email through SMTP. The delivery's idempotency key becomes the Message-ID, so a resend
 * after a crash is recognisable as the same message.
 */
@Component
class EmailChannel implements Channel {

	private final JavaMailSender mail;

	private final FollowupProperties.Sender sender;

	EmailChannel(JavaMailSender mail, FollowupProperties properties) {
		this.mail = mail;
		this.sender = properties.sender();
	}

	@Override
	public String name() {
		return "EMAIL";
	}

	@Override
	public Result send(String to, Composer.Text text, String idempotencyKey) {
		try {
			MimeMessage message = new IdentifiedMessage(this.mail.createMimeMessage(),
					"<" + idempotencyKey.replace(':', '.') + "@ketaclinic>");
			MimeMessageHelper helper = new MimeMessageHelper(message, "UTF-8");
			helper.setFrom(new InternetAddress(this.sender.email(), this.sender.name(), "UTF-8"));
			helper.setTo(to);
			helper.setSubject(text.subject());
			helper.setText(text.email());
			this.mail.send(message);
			return Result.sent(idempotencyKey);
		}
		catch (MailSendException ex) {
			boolean badAddress = ex.getFailedMessages()
				.values()
				.stream()
				.anyMatch((failure) -> failure instanceof SendFailedException);
			return badAddress ? Result.rejected("SMTP refused the address") : Result.tryAgain("SMTP send failed");
		}
		catch (MailException ex) {
			return Result.tryAgain("SMTP unavailable");
		}
		catch (MessagingException | UnsupportedEncodingException | IllegalArgumentException ex) {
			return Result.rejected("the address is not valid for email");
		}
	}

	/** A message that keeps the Message-ID it was given instead of a new random one. */
	private static final class IdentifiedMessage extends MimeMessage {

		private final String id;

		IdentifiedMessage(MimeMessage template, String id) throws MessagingException {
			super(template.getSession());
			this.id = id;
		}

		@Override
		protected void updateMessageID() throws MessagingException {
			setHeader("Message-ID", this.id);
		}

	}

}
