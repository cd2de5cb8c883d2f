package org.ketaclinic.followup.delivery;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import org.ketaclinic.events.AssessmentId;
import org.ketaclinic.events.PatientId;
import org.ketaclinic.followup.FollowupProperties;
import org.ketaclinic.followup.FollowupTestSupport;
import org.ketaclinic.followup.alert.Paging;
import org.ketaclinic.followup.alert.StaffTasks;
import org.ketaclinic.followup.checkin.CheckInLinks;
import org.ketaclinic.followup.checkin.CheckIns;
import org.ketaclinic.followup.events.EventTypes;
import org.ketaclinic.followup.message.Messages;
import org.ketaclinic.followup.patient.Patients;
import org.ketaclinic.followup.session.Sessions;
import org.ketaclinic.intake.events.PatientContactChanged;
import org.ketaclinic.platform.outbox.Outbox;
import org.ketaclinic.platform.test.TestTokens;
import org.ketaclinic.screening.events.UrgentReviewRequested;
import org.ketaclinic.smssink.SmsSink;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 19: the SMTP server and the SMS provider down for longer than every retry budget
 * (attempts-per-channel 2 with a 1 s backoff here; each outage lasts 6 minutes or more).
 * A message the patient can get no other way waits, FAILED with the provider's
 * unavailability as the reason, on its own channel: nothing becomes undeliverable, no
 * task, no {@code MessageUndeliverable}; when the provider is back each goes exactly
 * once. One the patient also allows on the other channel goes there once the provider has
 * been down for its whole budget, and only there, if the provider certainly has nothing
 * of it (refused, answered 503); one that may have reached the provider (the request
 * timed out) waits on its channel, so it never reaches the patient twice. A waiting
 * message never goes by a channel the patient withdrew meanwhile. Pages wait too, and the
 * next on-call level is paged once the page has waited its budget; the gauges show the
 * outage. An address the provider refuses still falls back and becomes undeliverable
 * (FollowupIT).
 */
class ProviderOutageIT extends FollowupTestSupport {

	static final String ADMIN = TestTokens.bearer("admin-ada", "ADMIN");

	/** The demo roster's clinic-wide primary and backup, seeded as on the local stack. */
	static final String DEMO_PRIMARY = "+15550100911";

	static final String DEMO_BACKUP = "+15550100912";

	@Autowired
	JdbcClient jdbcClient;

	@Autowired
	TransactionTemplate transactions;

	@Autowired
	Patients patients;

	@Autowired
	Sessions sessions;

	@Autowired
	Messages messages;

	@Autowired
	CheckIns checkIns;

	@Autowired
	CheckInLinks checkInLinks;

	@Autowired
	Composer composer;

	@Autowired
	StaffTasks tasks;

	@Autowired
	Outbox outbox;

	@Autowired
	FollowupProperties properties;

	@Autowired
	EmailChannel email;

	@Autowired
	SmsChannel sms;

	@Autowired
	Paging paging;

	@Test
	void anEmailWaitsOutAStoppedSmtpServerAndGoesOnceWhenItIsBack() throws IOException {
		int port = freePort();
		GreenMail server = smtp(port);
		JavaMailSenderImpl relay = new JavaMailSenderImpl();
		relay.setHost("127.0.0.1");
		relay.setPort(port);
		EmailChannel ownEmail = new EmailChannel(relay, this.properties);
		ChannelStates states = new ChannelStates(new SimpleMeterRegistry(), this.clock);
		Dispatcher dispatcher = dispatcher(this.sms, ownEmail, states);
		UUID patientId = UUID.randomUUID();
		String phone = phone();
		String address = address(patientId);
		// email preferred, texts not allowed: the email has no other way to go
		contact(patientId, phone, address, PatientContactChanged.Channel.EMAIL, false, true);
		try {
			server.stop();
			checkIn(patientId);

			outage(dispatcher, Duration.ofMinutes(6), false);

			assertWaiting(patientId, "EMAIL", "SMTP unavailable");
			assertThat(SMS.messagesTo(phone)).as("never texted: not allowed").isEmpty();
			assertThat(states.states().get("EMAIL").up()).isFalse();

			server = smtp(port);
			this.clock.advance(Duration.ofSeconds(30));
			dispatcher.dispatchDue();
			this.clock.advance(Duration.ofSeconds(30));
			dispatcher.dispatchDue();

			assertThat(mailTo(server, address)).as("sent once the server is back").hasSize(1);
			assertThat(messageStatus(patientId)).containsExactly("SENT");
			assertThat(lastOutcome(patientId)).isEqualTo("SENT");
			assertThat(states.states().get("EMAIL").up()).isTrue();
			assertThat(SMS.messagesTo(phone)).isEmpty();
		}
		finally {
			ownEmail.destroy();
			server.stop();
		}
	}

	@Test
	void aWaitingEmailWaitsOutTheNightAndItsRemindersTooLateAreSkippedNotSentLate() throws IOException {
		int port = freePort();
		GreenMail server = smtp(port);
		JavaMailSenderImpl relay = new JavaMailSenderImpl();
		relay.setHost("127.0.0.1");
		relay.setPort(port);
		EmailChannel ownEmail = new EmailChannel(relay, this.properties);
		Dispatcher dispatcher = dispatcher(this.sms, ownEmail,
				new ChannelStates(new SimpleMeterRegistry(), this.clock));
		UUID patientId = UUID.randomUUID();
		String address = "overnight-" + patientId + "@example.org";
		contact(patientId, null, address, PatientContactChanged.Channel.EMAIL, false, true);
		// Tuesday 11:00 in New York: the confirmation goes with the 24-hour reminder (due
		// at
		// 11:00 today), the 2-hour one is due at 09:00 tomorrow
		book(patientId, UUID.randomUUID(), 1, ZonedDateTime.of(2027, 3, 2, 11, 0, 0, 0, NEW_YORK), "IV_KETAMINE");
		awaitMessages(patientId, 3); // the 72-hour one would be past: none
		Instant back = Instant.parse("2027-03-02T15:40:00Z"); // 10:40, 20 minutes before
		try {
			server.stop();
			this.clock.advance(Duration.ofSeconds(11));
			dispatcher.dispatchDue();
			while (!this.clock.instant().plus(Duration.ofMinutes(30)).isAfter(back)) {
				this.clock.advance(Duration.ofMinutes(30));
				dispatcher.dispatchDue();
			}
			this.clock.set(back);
			dispatcher.dispatchDue();

			assertThat(this.jdbc.queryForList("""
					SELECT kind || ' ' || status || ' ' || status_reason FROM message
					WHERE patient_id = ? AND kind IN ('BOOKING_CONFIRMATION', 'REMINDER_24H', 'REMINDER_2H')
					""", String.class, patientId)).containsExactlyInAnyOrder(
					"BOOKING_CONFIRMATION FAILED SMTP unavailable", "REMINDER_24H SKIPPED TOO_LATE",
					"REMINDER_2H SKIPPED TOO_LATE");
			String attemptsBetween = """
					SELECT count(*) FROM delivery_attempt a JOIN delivery d ON d.delivery_id = a.delivery_id
					WHERE d.patient_id = ? AND a.at >= ?::timestamptz AND a.at < ?::timestamptz
					""";
			assertThat(this.jdbc.queryForObject(attemptsBetween, Integer.class, patientId, "2027-03-01T15:00:00Z",
					"2027-03-02T02:00:00Z"))
				.as("tried all evening")
				.isGreaterThan(10);
			assertThat(this.jdbc.queryForObject(attemptsBetween, Integer.class, patientId, "2027-03-02T02:00:00Z",
					"2027-03-02T13:00:00Z"))
				.as("not in the quiet hours, 21:00 to 08:00 in New York")
				.isZero();
			assertThat(this.jdbc.queryForObject(attemptsBetween, Integer.class, patientId, "2027-03-02T13:00:00Z",
					"2027-03-02T16:00:00Z"))
				.as("again from 08:00")
				.isGreaterThan(2);
			assertThat(this.jdbc.queryForList("SELECT kind || ' ' || urgent FROM staff_task WHERE patient_id = ?",
					String.class, patientId))
				.as("the front desk told once that messages wait, however many")
				.containsExactly("REACH_PATIENT false");

			server = smtp(port);
			this.clock.advance(Duration.ofSeconds(30));
			dispatcher.dispatchDue();
			this.clock.advance(Duration.ofSeconds(30));
			dispatcher.dispatchDue();

			List<MimeMessage> received = mailTo(server, address);
			assertThat(received).as("the confirmation, once; no reminder after its time").hasSize(1);
			assertThat(received.get(0).getSubject()).isEqualTo("Your appointment with Lakeside Health");
			assertThat(this.jdbc.queryForList(
					"SELECT status FROM message WHERE patient_id = ? AND kind = 'BOOKING_CONFIRMATION'", String.class,
					patientId))
				.containsExactly("SENT");
		}
		catch (MessagingException ex) {
			throw new IllegalStateException(ex);
		}
		finally {
			ownEmail.destroy();
			server.stop();
		}
	}

	@Test
	void aTextWaitsOutAProviderAnswering503AndTheGaugeShowsIt() {
		UUID patientId = UUID.randomUUID();
		String phone = phone();
		String address = address(patientId);
		// texts preferred, email not allowed: the text has no other way to go
		contact(patientId, phone, address, PatientContactChanged.Channel.SMS, true, false);
		this.dispatcher.dispatchDue(); // anything else due goes first
		try {
			SMS.failNext(1_000_000);
			checkIn(patientId);

			outage(this.dispatcher, Duration.ofMinutes(6), false);

			assertWaiting(patientId, "SMS", "SMS provider unavailable: answered 503");
			assertThat(mailTo(MAIL, address)).as("never emailed: not allowed").isEmpty();
			assertThat(scraped("ketaclinic_followup_channel_up{", "channel=\"SMS\"")).isZero();
			assertThat(scraped("ketaclinic_followup_channel_up{", "channel=\"EMAIL\"")).isEqualTo(1.0);
		}
		finally {
			SMS.failNext(0);
		}
		this.clock.advance(Duration.ofSeconds(30));
		Instant back = this.clock.instant();
		this.dispatcher.dispatchDue();
		this.clock.advance(Duration.ofSeconds(30));
		this.dispatcher.dispatchDue();

		assertThat(SMS.messagesTo(phone)).as("sent once the provider is back").hasSize(1);
		assertThat(messageStatus(patientId)).containsExactly("DELIVERED");
		assertThat(this.jdbc
			.queryForObject("SELECT expires_at FROM check_in WHERE patient_id = ?", java.sql.Timestamp.class, patientId)
			.toInstant())
			.as("the link's validity runs from the send that reached the patient, not from the first attempt")
			.isCloseTo(back.plus(this.properties.checkIns().linkValidity()),
					org.assertj.core.api.Assertions.within(1, java.time.temporal.ChronoUnit.SECONDS));
		assertThat(scraped("ketaclinic_followup_channel_up{", "channel=\"SMS\"")).isEqualTo(1.0);
		assertThat(mailTo(MAIL, address)).isEmpty();
	}

	@Test
	void textsAndPagesWaitOutAnUnreachableProviderAndTheNextLevelIsPagedOnceAPageHasWaitedItsBudget()
			throws IOException {
		int port = freePort();
		FollowupProperties.Sms unreachable = new FollowupProperties.Sms("http://127.0.0.1:" + port,
				"test-webhook-secret", "test-sms-api-key", null, Duration.ofSeconds(2));
		SmsChannel ownSms = new SmsChannel(new FollowupProperties(this.properties.sender(), null, null, null, null,
				null, null, null, null, null, null, null, unreachable, null, null, null, null, null));
		ChannelStates states = new ChannelStates(new SimpleMeterRegistry(), this.clock);
		Dispatcher dispatcher = dispatcher(ownSms, this.email, states);
		this.dispatcher.dispatchDue(); // anything else due goes first
		UUID patientId = UUID.randomUUID();
		String phone = phone();
		String address = address(patientId);
		contact(patientId, phone, address, PatientContactChanged.Channel.SMS, true, false);
		checkIn(patientId);
		UUID alertId = urgentAlert();
		SmsSink back = null;
		try {
			dispatcher.dispatchDue();
			assertThat(pagingLevel(alertId)).isEqualTo(1);

			// the page waits its budget (2 attempts), then the backup is paged at once
			// rather than after the 15-minute escalation period: the page could not go
			outage(dispatcher, Duration.ofMinutes(2), true);
			assertThat(pagingLevel(alertId)).as("the backup paged long before 15 minutes").isGreaterThanOrEqualTo(2);
			outage(dispatcher, Duration.ofMinutes(4), true);

			assertWaiting(patientId, "SMS", "SMS provider unavailable: unreachable");
			assertThat(mailTo(MAIL, address)).as("never emailed: not allowed").isEmpty();
			assertThat(pageStatuses(alertId)).as("every level's pages wait; none is given up")
				.hasSizeGreaterThanOrEqualTo(2)
				.containsOnly("FAILED");
			assertThat(states.states().get("SMS").up()).isFalse();

			back = SmsSink.start(port, URI.create("http://localhost:1/unused"), "test-webhook-secret",
					"test-sms-api-key", "+1555000");
			this.clock.advance(Duration.ofSeconds(30));
			dispatcher.dispatchDue();
			this.clock.advance(Duration.ofSeconds(30));
			dispatcher.dispatchDue();

			assertThat(back.messagesTo(phone)).as("the check-in, once").hasSize(1);
			assertThat(pagesTo(back, DEMO_PRIMARY, alertId)).as("the primary paged").isNotEmpty();
			assertThat(pagesTo(back, DEMO_BACKUP, alertId)).as("the backup paged").isNotEmpty();
			assertThat(pagesTo(back, DEMO_PRIMARY, alertId).size() + pagesTo(back, DEMO_BACKUP, alertId).size())
				.as("each page that waited, once")
				.isEqualTo(pageStatuses(alertId).size());
			assertThat(pageStatuses(alertId)).doesNotContain("FAILED", "UNDELIVERABLE");
			assertThat(messageStatus(patientId)).containsExactly("DELIVERED");
			assertThat(states.states().get("SMS").up()).isTrue();
			assertThat(mailTo(MAIL, address)).isEmpty();
		}
		finally {
			if (back != null) {
				back.close();
			}
			assertThat(post("/api/followup/alerts/" + alertId + "/acknowledgement", CLINICIAN, Map.of("note", "Called"))
				.status()).isEqualTo(200);
		}
	}

	@Test
	void aTextTheProviderRefusedForItsWholeBudgetGoesByTheEmailThePatientAllowsAndOnlyThere() {
		UUID patientId = UUID.randomUUID();
		String phone = phone();
		String address = address(patientId);
		// texts preferred, email allowed too; the provider answers 503: it has nothing
		contact(patientId, phone, address, PatientContactChanged.Channel.SMS, true, true);
		this.dispatcher.dispatchDue(); // anything else due goes first
		try {
			SMS.failNext(1_000_000);
			checkIn(patientId);

			outage(this.dispatcher, Duration.ofMinutes(3), false);

			assertThat(mailTo(MAIL, address)).as("emailed once texts had failed for the whole budget").hasSize(1);
			assertThat(messageStatus(patientId)).containsExactly("SENT");
			assertThat(this.jdbc.queryForList("""
					SELECT a.channel || ' ' || a.outcome FROM delivery_attempt a
					JOIN delivery d ON d.delivery_id = a.delivery_id WHERE d.patient_id = ? ORDER BY a.at, a.attempt
					""", String.class, patientId)).containsExactly("SMS UNAVAILABLE", "SMS UNAVAILABLE", "EMAIL SENT");
		}
		finally {
			SMS.failNext(0);
		}
		outage(this.dispatcher, Duration.ofMinutes(1), false);
		assertThat(SMS.messagesTo(phone)).as("never texted as well, once the provider is back").isEmpty();
		assertThat(mailTo(MAIL, address)).hasSize(1);
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM staff_task WHERE patient_id = ?", Integer.class,
				patientId))
			.as("nobody needs to step in")
			.isZero();
	}

	@Test
	void aTextThatMayHaveReachedTheProviderWaitsOnItsOwnChannelSoItNeverReachesThePatientTwice() throws IOException {
		// a provider that takes the connection and the request and never answers: the
		// text may be with it
		ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
		int port = silent.getLocalPort();
		FollowupProperties.Sms slow = new FollowupProperties.Sms("http://127.0.0.1:" + port, "test-webhook-secret",
				"test-sms-api-key", null, Duration.ofMillis(500));
		SmsChannel ownSms = new SmsChannel(new FollowupProperties(this.properties.sender(), null, null, null, null,
				null, null, null, null, null, null, null, slow, null, null, null, null, null));
		Dispatcher dispatcher = dispatcher(ownSms, this.email,
				new ChannelStates(new SimpleMeterRegistry(), this.clock));
		UUID patientId = UUID.randomUUID();
		String phone = phone();
		String address = address(patientId);
		contact(patientId, phone, address, PatientContactChanged.Channel.SMS, true, true);
		this.dispatcher.dispatchDue(); // anything else due goes first
		SmsSink back = null;
		try {
			checkIn(patientId);

			outage(dispatcher, Duration.ofMinutes(3), false);

			assertThat(mailTo(MAIL, address)).as("not emailed meanwhile").isEmpty();
			assertThat(
					this.jdbc.queryForList("SELECT status || ': ' || status_reason FROM message WHERE patient_id = ?",
							String.class, patientId))
				.containsExactly("FAILED: SMS provider unavailable: no answer");
			assertThat(this.jdbc.queryForList("""
					SELECT DISTINCT a.channel || ' ' || a.outcome || ' ' || a.maybe_taken FROM delivery_attempt a
					JOIN delivery d ON d.delivery_id = a.delivery_id WHERE d.patient_id = ?
					""", String.class, patientId)).containsExactly("SMS UNAVAILABLE true");

			silent.close();
			back = SmsSink.start(port, URI.create("http://localhost:1/unused"), "test-webhook-secret",
					"test-sms-api-key", "+1555000");
			this.clock.advance(Duration.ofSeconds(30));
			dispatcher.dispatchDue();
			assertThat(back.messagesTo(phone)).as("texted once the provider answers").hasSize(1);
			assertThat(mailTo(MAIL, address)).as("and only texted").isEmpty();
		}
		finally {
			silent.close();
			if (back != null) {
				back.close();
			}
		}
	}

	@Test
	void aWaitingTextNeverGoesOnceThePatientHasWithdrawnConsentToTextsWhileItWaited() {
		UUID patientId = UUID.randomUUID();
		String phone = phone();
		String address = address(patientId);
		// texts only at first: the check-in waits on them
		contact(patientId, phone, address, PatientContactChanged.Channel.SMS, true, false);
		UUID otherId = UUID.randomUUID();
		String otherPhone = phone();
		contact(otherId, otherPhone, null, PatientContactChanged.Channel.SMS, true, false);
		this.dispatcher.dispatchDue(); // anything else due goes first
		try {
			SMS.failNext(1_000_000);
			checkIn(patientId);
			checkIn(otherId);
			outage(this.dispatcher, Duration.ofMinutes(1), false);
			assertThat(messageStatus(patientId)).containsExactly("FAILED");
			assertThat(messageStatus(otherId)).containsExactly("FAILED");

			// one patient now wants email only, the other nothing at all
			withdrawTexts(patientId, phone, address, true);
			withdrawTexts(otherId, otherPhone, null, false);
		}
		finally {
			SMS.failNext(0);
		}
		outage(this.dispatcher, Duration.ofMinutes(1), false);

		assertThat(SMS.messagesTo(phone)).as("never texted once texts were withdrawn").isEmpty();
		assertThat(SMS.messagesTo(otherPhone)).isEmpty();
		assertThat(mailTo(MAIL, address)).as("emailed instead, as the patient now allows").hasSize(1);
		assertThat(messageStatus(patientId)).containsExactly("SENT");
		assertThat(this.jdbc.queryForList("SELECT status || ' ' || status_reason FROM message WHERE patient_id = ?",
				String.class, otherId))
			.as("skipped, as a first send is with no consent")
			.containsExactly("SKIPPED NO_CONSENT");
		assertThat(this.jdbc.queryForList("SELECT status FROM delivery WHERE patient_id = ?", String.class, otherId))
			.containsExactly("CANCELLED");
	}

	@Test
	void aPageWaitingForARetryGoesBeforeOlderMessagesWaitingWithIt() {
		FollowupProperties p = this.properties;
		FollowupProperties.Delivery d = p.delivery();
		FollowupProperties onePerPass = new FollowupProperties(p.sender(), p.reminders(), p.confirmationDelay(),
				p.coalesceWindow(), p.quietHoursStart(), p.quietHoursEnd(), p.smsPerDay(), p.smsPerWeek(), p.checkIns(),
				p.phq9(), p.alerts(),
				new FollowupProperties.Delivery(d.pollInterval(), 1, d.lease(), d.attemptsPerChannel(), d.backoff(),
						d.maxBackoff(), 1, d.outageBackoff()),
				p.sms(), p.preparation(), p.crisisText(), p.paging(), p.crisisWords(), p.crisisReply());
		Dispatcher oneAtATime = new Dispatcher(new Deliveries(this.jdbcClient), this.transactions, this.patients,
				this.sessions, this.messages, this.checkIns, this.checkInLinks, this.composer,
				List.of(this.sms, this.email), this.tasks, this.paging, this.outbox, onePerPass, this.clock,
				new SimpleMeterRegistry(), new ChannelStates(new SimpleMeterRegistry(), this.clock));
		UUID patientId = UUID.randomUUID();
		String phone = phone();
		contact(patientId, phone, null, PatientContactChanged.Channel.SMS, true, false);
		this.dispatcher.dispatchDue(); // anything else due goes first
		UUID alertId;
		try {
			SMS.failNext(1_000_000);
			checkIn(patientId);
			this.dispatcher.dispatchDue();
			this.clock.advance(Duration.ofSeconds(5));
			alertId = urgentAlert();
			this.dispatcher.dispatchDue();
			assertThat(messageStatus(patientId)).containsExactly("FAILED");
			assertThat(pageStatus(alertId)).containsExactly("FAILED");
		}
		finally {
			SMS.failNext(0);
		}
		this.clock.advance(Duration.ofSeconds(30));

		oneAtATime.dispatchOnce();
		assertThat(pageStatus(alertId)).as("the page, though it has waited less, goes first")
			.containsExactly("DELIVERED");
		assertThat(messageStatus(patientId)).containsExactly("FAILED");
		oneAtATime.dispatchOnce();
		assertThat(messageStatus(patientId)).containsExactly("DELIVERED");
		assertThat(post("/api/followup/alerts/" + alertId + "/acknowledgement", CLINICIAN, Map.of("note", "Called"))
			.status()).isEqualTo(200);
	}

	/**
	 * An urgent finding for a patient of its own, as screening publishes it: the alert it
	 * opens, which pages the demo roster.
	 */
	private UUID urgentAlert() {
		UUID patientId = UUID.randomUUID();
		send(org.ketaclinic.screening.events.Topics.SCREENING, patientId, "/ketaclinic/screening",
				org.ketaclinic.screening.events.EventTypes.URGENT_REVIEW_REQUESTED,
				new UrgentReviewRequested(new PatientId(patientId), new AssessmentId(UUID.randomUUID()),
						List.of("SCR-URG-01"), Instant.now(), Instant.now().plus(Duration.ofHours(8))));
		return await().atMost(Duration.ofSeconds(30))
			.until(() -> this.jdbcClient.sql("SELECT alert_id FROM alert WHERE patient_id = ? AND status = 'OPEN'")
				.param(patientId)
				.query(UUID.class)
				.optional()
				.orElse(null), (id) -> id != null);
	}

	private static String address(UUID patientId) {
		return "outage-" + patientId + "@example.org";
	}

	private List<String> pageStatus(UUID alertId) {
		return this.jdbc.queryForList(
				"SELECT m.status FROM message m JOIN page p ON p.message_id = m.message_id WHERE p.alert_id = ?",
				String.class, alertId);
	}

	@Test
	void anEmailThatMayHaveArrivedIsNotSentAgainByTextAndTheFrontDeskChecks() {
		// a relay that takes every message and drops the connection before it answers
		AtomicInteger sends = new AtomicInteger();
		Channel droppingRelay = new Channel() {
			@Override
			public String name() {
				return "EMAIL";
			}

			@Override
			public Result send(String to, Composer.Text text, String idempotencyKey) {
				sends.incrementAndGet();
				return Result.tryAgainMaybeTaken(EmailChannel.LOST_AFTER_CONTENT);
			}
		};
		Dispatcher dispatcher = dispatcher(this.sms, droppingRelay,
				new ChannelStates(new SimpleMeterRegistry(), this.clock));
		UUID patientId = UUID.randomUUID();
		String phone = phone();
		String address = address(patientId);
		// email preferred, texts allowed too
		contact(patientId, phone, address, PatientContactChanged.Channel.EMAIL, true, true);
		this.dispatcher.dispatchDue(); // anything else due goes first
		checkIn(patientId);

		outage(dispatcher, Duration.ofMinutes(2), false);

		assertThat(sends).as("emailed as often as a failing message is, no more").hasValue(2);
		assertThat(SMS.messagesTo(phone)).as("not texted as well: the email may have arrived").isEmpty();
		assertThat(this.jdbc.queryForList("SELECT status || ' ' || status_reason FROM message WHERE patient_id = ?",
				String.class, patientId))
			.containsExactly("UNDELIVERABLE RETRIES_EXHAUSTED");
		assertThat(
				this.jdbc.queryForList("SELECT detail FROM staff_task WHERE patient_id = ? AND kind = 'REACH_PATIENT'",
						String.class, patientId))
			.singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
			.contains("It may have arrived");
	}

	/**
	 * Intake's update: texts no longer allowed, email as given; applied when it returns.
	 */
	private void withdrawTexts(UUID patientId, String phone, String address, boolean mail) {
		contact(patientId, phone, address, PatientContactChanged.Channel.SMS, false, mail);
		await().atMost(Duration.ofSeconds(30))
			.until(() -> !this.jdbc.queryForObject("SELECT consent_sms FROM patient WHERE patient_id = ?",
					Boolean.class, patientId));
	}

	@Test
	void aCrisisReplyThatCannotGoOutHasTheFrontDeskReachThePatientOnceItsBudgetIsSpent() {
		UUID patientId = UUID.randomUUID();
		String phone = phone();
		contact(patientId, phone, null, PatientContactChanged.Channel.SMS, true, false);
		this.dispatcher.dispatchDue(); // anything else due goes first
		UUID alertId;
		try {
			SMS.failNext(1_000_000);
			assertThat(reply(phone, "I can't go on, I want to end my life")).isEqualTo(202);
			alertId = await().atMost(Duration.ofSeconds(30))
				.until(() -> this.jdbcClient.sql("SELECT alert_id FROM alert WHERE patient_id = ? AND status = 'OPEN'")
					.param(patientId)
					.query(UUID.class)
					.optional()
					.orElse(null), (id) -> id != null);
			this.dispatcher.dispatchDue();
			assertThat(outageTasks(patientId)).as("not before the budget is spent").isEmpty();

			outage(this.dispatcher, Duration.ofMinutes(2), false);
			assertThat(outageTasks(patientId)).as("the front desk is asked to reach the patient, urgently")
				.containsExactly("REACH_PATIENT true");
			outage(this.dispatcher, Duration.ofMinutes(3), false);
			assertThat(outageTasks(patientId)).as("once, however long the outage").hasSize(1);
			assertThat(this.jdbc.queryForList("SELECT status FROM message WHERE patient_id = ? AND kind = ?",
					String.class, patientId, "CRISIS_RESOURCES"))
				.as("the crisis resources wait; never given up")
				.containsExactly("FAILED");
		}
		finally {
			SMS.failNext(0);
		}
		this.clock.advance(Duration.ofSeconds(30));
		this.dispatcher.dispatchDue();
		assertThat(SMS.messagesTo(phone)).as("the crisis resources, once the provider is back")
			.filteredOn((text) -> text.get("body").toString().contains("988"))
			.hasSize(1);
		assertThat(post("/api/followup/alerts/" + alertId + "/acknowledgement", CLINICIAN, Map.of("note", "Called"))
			.status()).isEqualTo(200);
	}

	private List<String> outageTasks(UUID patientId) {
		return this.jdbc.queryForList(
				"SELECT kind || ' ' || urgent FROM staff_task WHERE patient_id = ? AND origin LIKE 'OUTAGE:%'",
				String.class, patientId);
	}

	@Test
	void theOldestUnacknowledgedUrgentAlertsAgeIsAGauge() {
		// earlier tests' alerts, as if a clinician had acknowledged them
		this.jdbc.update("""
				UPDATE alert SET status = 'ACKNOWLEDGED', acknowledged_at = now(), acknowledged_by = 'test clean-up',
					next_escalation_at = NULL WHERE status = 'OPEN' AND severity = 'URGENT'
				""");
		await().atMost(Duration.ofSeconds(15))
			.untilAsserted(
					() -> assertThat(scraped("ketaclinic_followup_alerts_unacknowledged_oldest_seconds", "")).isZero());
		UUID alertId = urgentAlert();

		this.clock.advance(Duration.ofMinutes(10));

		await().atMost(Duration.ofSeconds(15))
			.untilAsserted(() -> assertThat(scraped("ketaclinic_followup_alerts_unacknowledged_oldest_seconds", ""))
				.isEqualTo(600.0));
		assertThat(post("/api/followup/alerts/" + alertId + "/acknowledgement", CLINICIAN, Map.of("note", "Called"))
			.status()).isEqualTo(200);
		await().atMost(Duration.ofSeconds(15))
			.untilAsserted(
					() -> assertThat(scraped("ketaclinic_followup_alerts_unacknowledged_oldest_seconds", "")).isZero());
	}

	// ---------------------------------------------------------------- helpers

	/**
	 * The provider stays down this long: the clock moves on 30 s at a time and the
	 * dispatcher (after the escalation, when asked) runs each time, far beyond the retry
	 * budget.
	 */
	private void outage(Dispatcher dispatcher, Duration length, boolean escalate) {
		for (Duration passed = Duration.ZERO; passed.compareTo(length) < 0; passed = passed.plusSeconds(30)) {
			this.clock.advance(Duration.ofSeconds(30));
			if (escalate) {
				this.paging.escalateDue();
			}
			dispatcher.dispatchDue();
		}
	}

	/**
	 * The patient's message waits: FAILED with the reason, its delivery to be retried on
	 * the same channel, every attempt recorded as UNAVAILABLE, the front desk told once
	 * that it waits, and nobody told it is undeliverable.
	 */
	private void assertWaiting(UUID patientId, String channel, String reason) {
		assertThat(this.jdbc.queryForList("SELECT status || ': ' || status_reason FROM message WHERE patient_id = ?",
				String.class, patientId))
			.containsExactly("FAILED: " + reason);
		assertThat(this.jdbc.queryForList(
				"SELECT status || ' ' || channel || ' ' || cardinality(channels_tried) FROM delivery WHERE patient_id = ?",
				String.class, patientId))
			.as("retried on its own channel, no other tried")
			.containsExactly("RETRY " + channel + " 0");
		List<String> outcomes = this.jdbc.queryForList("""
				SELECT a.outcome FROM delivery_attempt a JOIN delivery d ON d.delivery_id = a.delivery_id
				WHERE d.patient_id = ?
				""", String.class, patientId);
		assertThat(outcomes).as("every attempt recorded, far more than the budget of 2").hasSizeGreaterThan(10);
		assertThat(outcomes).containsOnly("UNAVAILABLE");
		assertThat(this.jdbc.queryForList(
				"""
						SELECT kind || ' ' || urgent || ' ' || (origin LIKE 'OUTAGE:%') || ' ' || (detail LIKE '%goes when the provider is back%')
						FROM staff_task WHERE patient_id = ?
						""",
				String.class, patientId))
			.as("the front desk told once that it waits (not that it is undeliverable)")
			.containsExactly("REACH_PATIENT false true true");
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM outbox_event WHERE message_key = ? AND type = ?",
				Integer.class, patientId.toString(), EventTypes.MESSAGE_UNDELIVERABLE))
			.as("no MessageUndeliverable")
			.isZero();
	}

	private List<String> messageStatus(UUID patientId) {
		return this.jdbc.queryForList("SELECT status FROM message WHERE patient_id = ?", String.class, patientId);
	}

	private String lastOutcome(UUID patientId) {
		return this.jdbc.queryForObject("""
				SELECT a.outcome FROM delivery_attempt a JOIN delivery d ON d.delivery_id = a.delivery_id
				WHERE d.patient_id = ? ORDER BY a.at DESC, a.attempt DESC LIMIT 1
				""", String.class, patientId);
	}

	private int pagingLevel(UUID alertId) {
		return this.jdbc.queryForObject("SELECT paging_level FROM alert WHERE alert_id = ?", Integer.class, alertId);
	}

	private List<String> pageStatuses(UUID alertId) {
		return this.jdbc.queryForList(
				"SELECT m.status FROM page p JOIN message m ON m.message_id = p.message_id WHERE p.alert_id = ?",
				String.class, alertId);
	}

	private static List<Map<String, Object>> pagesTo(SmsSink sink, String phone, UUID alertId) {
		return sink.messagesTo(phone)
			.stream()
			.filter((m) -> m.get("body").toString().contains(alertId.toString()))
			.toList();
	}

	private static List<MimeMessage> mailTo(GreenMail server, String address) {
		return Arrays.stream(server.getReceivedMessages()).filter((message) -> {
			try {
				return Arrays.stream(message.getAllRecipients()).anyMatch((to) -> to.toString().equals(address));
			}
			catch (MessagingException ex) {
				throw new IllegalStateException(ex);
			}
		}).toList();
	}

	/** A value of the service's Prometheus scrape: the series named, with the label. */
	private double scraped(String series, String label) {
		String scrape = this.client.get()
			.uri("/actuator/prometheus")
			.header(HttpHeaders.AUTHORIZATION, ADMIN)
			.retrieve()
			.body(String.class);
		return scrape.lines()
			.filter((line) -> line.startsWith(series) && line.contains(label))
			.map((line) -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
			.findFirst()
			.orElseThrow(() -> new AssertionError(series + " " + label + " is not in the scrape"));
	}

	private static GreenMail smtp(int port) {
		GreenMail server = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
		server.start();
		return server;
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

	private Dispatcher dispatcher(Channel sms, Channel email, ChannelStates states) {
		return new Dispatcher(new Deliveries(this.jdbcClient), this.transactions, this.patients, this.sessions,
				this.messages, this.checkIns, this.checkInLinks, this.composer, List.of(sms, email), this.tasks,
				this.paging, this.outbox, this.properties, this.clock, new SimpleMeterRegistry(), states);
	}

}
