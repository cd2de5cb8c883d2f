package org.ketaclinic.followup.delivery;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.ketaclinic.followup.FollowupProperties;
import org.ketaclinic.followup.message.Message;
import org.ketaclinic.followup.policy.MessageKind;
import org.ketaclinic.followup.session.Session;

import org.springframework.stereotype.Component;

/**
 * Writes what patients read. Every text is neutral: it names the clinic as configured,
 * the appointment time and the preparation, and never a drug, a diagnosis or a treatment
 * (a test renders every kind and fails if one does). Times are in the patient's zone.
 */
@Component
public class Composer {

	private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("EEE d MMM yyyy 'at' HH:mm",
			Locale.ENGLISH);

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm", Locale.ENGLISH);

	private final FollowupProperties properties;

	Composer(FollowupProperties properties) {
		this.properties = properties;
	}

	/**
	 * Writes one delivery's text.
	 * @param messages the planned messages it carries
	 * @param sessions the sessions they are about
	 * @param links the link of each check-in, with its expiry
	 * @param zone the patient's time zone
	 * @return the text, in SMS and email form
	 */
	public Text compose(List<Message> messages, List<Session> sessions, Map<UUID, Link> links, ZoneId zone) {
		FollowupProperties.Sender sender = this.properties.sender();
		Message first = messages.get(0);
		if (first.kind() == MessageKind.CHECK_IN) {
			Link link = links.get(first.checkInId());
			String until = link.expiresAt().atZone(zone).format(WHEN);
			return new Text("A few questions from " + sender.name(),
					sender.name() + ": how have you been feeling? Please answer a few short questions: " + link.url()
							+ " (the link works until " + until + ").",
					"Hello,\n\nHow have you been feeling lately? Please answer a few short questions. It takes about"
							+ " three minutes:\n\n" + link.url()
							+ "\n\nThe link is for you alone and works once, until " + until
							+ ".\n\nIf you need help sooner, call us on " + sender.phone() + ".\n\n" + sender.name());
		}
		if (first.kind() == MessageKind.PAGE) {
			// to the clinician on call: names no patient, nor anything they answered
			Link link = links.get(first.id());
			String url = (link != null) ? link.url() : this.properties.checkIns().linkBaseUrl() + "/ui/clinician.html";
			String text = "KetaClinic URGENT: an alert needs a clinician now. Open " + url;
			return new Text("KetaClinic URGENT", text, text);
		}
		if (first.kind().isReply()) {
			String text = switch (first.kind()) {
				case OPT_OUT_CONFIRMATION -> "you will get no more text messages from us. Reply START to receive them"
						+ " again. For appointments call " + sender.phone() + ".";
				case OPT_IN_CONFIRMATION -> "text messages are on again. Reply STOP at any time to end them.";
				case REPLY_CLARIFICATION -> "to cancel or move an appointment, please call " + sender.phone()
						+ ". If you want no more text messages from us, reply STOP.";
				case CRISIS_RESOURCES -> this.properties.crisisReply();
				default -> "appointment messages. For help call " + sender.phone() + ". Reply STOP to end them.";
			};
			return new Text(sender.name(), sender.name() + ": " + text, text);
		}
		return appointments(messages, sessions, zone);
	}

	private Text appointments(List<Message> messages, List<Session> sessions, ZoneId zone) {
		FollowupProperties.Sender sender = this.properties.sender();
		Map<UUID, Session> byId = sessions.stream().collect(Collectors.toMap(Session::id, Function.identity()));
		List<String> lines = new ArrayList<>();
		boolean reminder = false;
		boolean askToConfirm = false;
		String protocol = null;
		List<Message> ordered = new ArrayList<>(messages);
		ordered.sort(
				Comparator
					.comparing((Message message) -> Optional.ofNullable(byId.get(message.sessionId()))
						.map(Session::startsAt)
						.orElse(Instant.MAX))
					.thenComparing(Message::kind));
		for (Message message : ordered) {
			Session session = byId.get(message.sessionId());
			if (session == null) {
				continue;
			}
			String when = session.startsAt().atZone(zone).format(WHEN);
			protocol = (protocol != null) ? protocol : session.protocol();
			reminder |= message.kind().isReminder();
			askToConfirm |= message.kind() == MessageKind.REMINDER_72H;
			lines.add(switch (message.kind()) {
				case BOOKING_CONFIRMATION -> "Booked: your appointment on " + when + ".";
				case RESCHEDULE_CONFIRMATION -> "Changed: your appointment is now on " + when + ".";
				case REMINDER_2H ->
					"Reminder: your appointment is today at " + session.startsAt().atZone(zone).format(TIME) + ".";
				default -> "Reminder: your appointment is on " + when + ".";
			});
		}
		String preparation = reminder ? " " + preparation(this.properties.preparationFor(protocol)) : "";
		String confirm = askToConfirm ? " Reply YES to confirm." : "";
		String body = String.join(" ", lines) + confirm + preparation;
		String subject = reminder ? "Appointment reminder from " + sender.name()
				: "Your appointment with " + sender.name();
		return new Text(subject,
				sender.name() + ": " + body + " To change an appointment call " + sender.phone()
						+ ". Reply STOP to end texts.",
				"Hello,\n\n" + String.join("\n", lines) + "\n" + preparation.trim()
						+ "\n\nTo change or cancel an appointment, please call us on " + sender.phone() + ".\n\n"
						+ sender.name());
	}

	static String preparation(FollowupProperties.Preparation preparation) {
		return "Before you come: no food for " + duration(preparation.noFoodFor())
				+ " and nothing to drink in the last " + duration(preparation.noDrinksFor())
				+ " before your appointment (water and other clear drinks are fine until then). An adult must take"
				+ " you home, and please do not drive until the next day after a night's sleep.";
	}

	private static String duration(Duration duration) {
		if (duration.toMinutes() % 60 != 0) {
			return duration.toMinutes() + " minutes";
		}
		return (duration.toHours() == 1) ? "1 hour" : duration.toHours() + " hours";
	}

	/**
	 * A check-in link.
	 *
	 * @param url the link
	 * @param expiresAt when it stops working
	 */
	public record Link(String url, Instant expiresAt) {
	}

	/**
	 * A message's words.
	 *
	 * @param subject the email subject
	 * @param sms the text message
	 * @param email the email body
	 */
	public record Text(String subject, String sms, String email) {
	}

}
