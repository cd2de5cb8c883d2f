package org.ketaclinic.followup.delivery;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.ketaclinic.followup.FollowupProperties;
import org.ketaclinic.followup.message.Message;
import org.ketaclinic.followup.policy.MessageKind;
import org.ketaclinic.followup.session.Session;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every text a patient can receive, rendered for both protocols: none names a drug, a
 * diagnosis or a treatment, and the sender is the configured neutral name.
 */
class ComposerTests {

	/** Words that would tell anyone reading over a patient's shoulder too much. */
	private static final List<String> REVEALING = List.of("ketamine", "esketamine", "spravato", "infusion", "iv ",
			"intravenous", "nasal", "spray", "dose", "drug", "medication", "lithium", "valproate", "depress", "suicid",
			"psychiat", "mental", "ptsd", "anxiety", "bipolar", "therapy", "treatment", "diagnos", "prescri",
			"mood disorder");

	private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

	private final Composer composer = new Composer(properties("Lakeside Health"));

	@Test
	void noTextNamesADrugADiagnosisOrATreatment() {
		List<Composer.Text> texts = everyText();

		assertThat(texts).hasSizeGreaterThanOrEqualTo(MessageKind.values().length);
		for (Composer.Text text : texts) {
			for (String part : List.of(text.subject(), text.sms(), text.email())) {
				String lower = part.toLowerCase(Locale.ROOT);
				assertThat(REVEALING).as(part).noneMatch(lower::contains);
			}
		}
	}

	@Test
	void textsComeFromTheConfiguredSenderAndRemindersCarryTheProtocolsPreparation() {
		Session iv = session("IV_KETAMINE");
		Session esketamine = session("ESKETAMINE");

		Composer.Text ivReminder = this.composer.compose(List.of(message(MessageKind.REMINDER_72H, iv)), List.of(iv),
				Map.of(), NEW_YORK);
		Composer.Text esketamineReminder = this.composer.compose(List.of(message(MessageKind.REMINDER_24H, esketamine)),
				List.of(esketamine), Map.of(), NEW_YORK);

		assertThat(ivReminder.sms()).startsWith("Lakeside Health: ")
			.contains("Tue 16 Mar 2027 at 09:00")
			.contains("no food for 6 hours")
			.contains("last 2 hours")
			.contains("An adult must take you home")
			.contains("not drive until the next day")
			.contains("Reply YES to confirm");
		assertThat(esketamineReminder.email()).contains("no food for 2 hours").contains("last 30 minutes");
		assertThat(ivReminder.subject()).contains("Lakeside Health");
	}

	@Test
	void appointmentMessagesDueTogetherBecomeOneTextListingEachSession() {
		Session monday = session("IV_KETAMINE");
		Session wednesday = new Session(UUID.randomUUID(), monday.patientId(), monday.planId(), "INDUCTION", 2,
				"IV_KETAMINE", monday.startsAt().plusSeconds(2 * 86400), NEW_YORK, "BOOKED", null);

		Composer.Text text = this.composer.compose(
				List.of(message(MessageKind.REMINDER_24H, monday), message(MessageKind.REMINDER_72H, wednesday)),
				List.of(monday, wednesday), Map.of(), NEW_YORK);

		assertThat(text.sms()).contains("Tue 16 Mar 2027 at 09:00").contains("Thu 18 Mar 2027 at 09:00");
		assertThat(text.sms().indexOf("16 Mar")).isLessThan(text.sms().indexOf("18 Mar"));
		assertThat(text.sms()).containsOnlyOnce("Before you come");
	}

	private List<Composer.Text> everyText() {
		List<Composer.Text> texts = new ArrayList<>();
		for (String protocol : List.of("IV_KETAMINE", "ESKETAMINE")) {
			Session session = session(protocol);
			for (MessageKind kind : MessageKind.values()) {
				UUID checkInId = UUID.randomUUID();
				Message message = new Message(UUID.randomUUID(), session.patientId(), kind,
						kind.isAboutAppointments() ? session.id() : null,
						(kind == MessageKind.CHECK_IN) ? checkInId : null, "+15551234567", Instant.now(), Instant.now(),
						"QUEUED", null, null, null);
				texts.add(this.composer.compose(List.of(message), List.of(session), Map.of(checkInId,
						new Composer.Link("https://clinic.example/checkin/abc", Instant.parse("2027-03-20T15:00:00Z"))),
						NEW_YORK));
			}
		}
		return texts;
	}

	private static Session session(String protocol) {
		return new Session(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), "INDUCTION", 1, protocol,
				Instant.parse("2027-03-16T13:00:00Z"), NEW_YORK, "BOOKED", null);
	}

	private static Message message(MessageKind kind, Session session) {
		return new Message(UUID.randomUUID(), session.patientId(), kind, session.id(), null, null, Instant.now(),
				Instant.now(), "QUEUED", null, null, null);
	}

	static FollowupProperties properties(String senderName) {
		return new FollowupProperties(new FollowupProperties.Sender(senderName, null, null, null), null, null, null,
				null, null, null, null, null, null, null, null, null, null, null, null, null, null);
	}

}
