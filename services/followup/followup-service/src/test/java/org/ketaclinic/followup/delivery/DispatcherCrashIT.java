package org.ketaclinic.followup.delivery;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntConsumer;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.ketaclinic.followup.FollowupProperties;
import org.ketaclinic.followup.FollowupTestSupport;
import org.ketaclinic.followup.alert.Paging;
import org.ketaclinic.followup.alert.StaffTasks;
import org.ketaclinic.followup.checkin.CheckInLinks;
import org.ketaclinic.followup.checkin.CheckIns;
import org.ketaclinic.followup.message.Messages;
import org.ketaclinic.followup.patient.Patients;
import org.ketaclinic.followup.session.Sessions;
import org.ketaclinic.intake.events.PatientContactChanged;
import org.ketaclinic.platform.outbox.Outbox;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A dispatcher dies in the middle of a batch, once right after the provider accepted a
 * text and before it could record that; a restarted dispatcher then sends every due
 * message exactly once. A dispatcher stopped by a deploy finishes the text in hand and
 * hands the rest back without a lease to wait for.
 */
class DispatcherCrashIT extends FollowupTestSupport {

	private static final IntConsumer NOTHING = (number) -> {
	};

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
	CheckInLinks links;

	@Autowired
	Composer composer;

	@Autowired
	StaffTasks tasks;

	@Autowired
	Paging paging;

	@Autowired
	Outbox outbox;

	@Autowired
	FollowupProperties properties;

	@Autowired
	EmailChannel email;

	@Autowired
	Clock testClock;

	@Test
	void aDispatcherKilledMidBatchLeavesNothingUnsentAndNothingSentTwice() {
		List<String> phones = checkInsDueBySms(6);
		AtomicInteger sent = new AtomicInteger();
		Channel dying = sms(sent, NOTHING, (n) -> {
			if (n == 3) {
				// the process dies after the provider took the third text, before the
				// dispatcher could record it
				throw new OutOfMemoryError("simulated crash");
			}
		});
		Dispatcher doomed = dispatcher(dying);

		assertThatThrownBy(doomed::dispatchOnce).isInstanceOf(OutOfMemoryError.class);
		assertThat(phones.stream().filter((phone) -> !SMS.messagesTo(phone).isEmpty()).count()).isEqualTo(3);

		this.dispatcher.dispatchDue();
		assertThat(phones.stream().filter((phone) -> !SMS.messagesTo(phone).isEmpty()).count())
			.as("claims held by the dead dispatcher wait for their lease to run out")
			.isEqualTo(3);

		this.clock.advance(Duration.ofSeconds(3));
		this.dispatcher.dispatchDue();

		for (String phone : phones) {
			assertThat(SMS.messagesTo(phone)).as(phone).hasSize(1);
		}
		assertThat(this.jdbc.queryForObject("""
				SELECT count(*) FROM message m JOIN patient p ON p.patient_id = m.patient_id
				WHERE p.phone = ANY (?) AND m.status = 'DELIVERED'
				""", Integer.class, (Object) phones.toArray(String[]::new))).isEqualTo(6);
	}

	@Test
	void aDispatcherStoppedMidBatchFinishesTheDeliveryInHandAndHandsTheRestBackAtOnce() {
		List<String> phones = checkInsDueBySms(6);
		AtomicInteger sent = new AtomicInteger();
		AtomicReference<Dispatcher> stopped = new AtomicReference<>();
		Channel sms = sms(sent, (n) -> {
			if (n == 2) {
				// a deploy stops the application while the second text is on its way
				stopped.get().stopping();
			}
		}, NOTHING);
		stopped.set(dispatcher(sms));

		assertThat(stopped.get().dispatchOnce()).isEqualTo(2);
		assertThat(phones.stream().filter((phone) -> !SMS.messagesTo(phone).isEmpty()).count()).isEqualTo(2);
		assertThat(this.jdbc.queryForObject("""
				SELECT count(*) FROM message m JOIN patient p ON p.patient_id = m.patient_id
				WHERE p.phone = ANY (?) AND m.status = 'DELIVERED'
				""", Integer.class, (Object) phones.toArray(String[]::new)))
			.as("the text in hand when it stopped is recorded")
			.isEqualTo(2);

		// no lease to wait for: the next dispatcher sends the rest straight away
		this.dispatcher.dispatchDue();

		for (String phone : phones) {
			assertThat(SMS.messagesTo(phone)).as(phone).hasSize(1);
		}
		assertThat(sent).hasValue(2);
	}

	@Test
	void aDeliveryThatFailsForAReasonOfItsOwnIsRetriedLaterWhileTheRestOfTheBatchGoesOut() {
		this.dispatcher.dispatchDue(); // what earlier test classes left due goes first
		List<String> phones = checkInsDueBySms(3);
		// a row the dispatcher cannot read
		this.jdbc.update("""
				UPDATE check_in SET kind = 'UNKNOWN' WHERE patient_id = (SELECT patient_id FROM patient WHERE phone = ?)
				""", phones.get(0));

		this.dispatcher.dispatchDue();

		assertThat(SMS.messagesTo(phones.get(0))).isEmpty();
		assertThat(SMS.messagesTo(phones.get(1))).hasSize(1);
		assertThat(SMS.messagesTo(phones.get(2))).hasSize(1);
		assertThat(this.jdbc.queryForMap("""
				SELECT d.status, d.last_error FROM delivery d JOIN patient p ON p.patient_id = d.patient_id
				WHERE p.phone = ?
				""", phones.get(0))).containsEntry("status", "RETRY")
			.containsEntry("last_error", "unexpected IllegalArgumentException");
	}

	@Test
	void dispatchersRunningAtTheSameTimeSendEachMessageOnce() throws Exception {
		List<String> phones = checkInsDueBySms(24);
		AtomicInteger sends = new AtomicInteger();
		Channel counting = sms(sends, NOTHING, NOTHING);
		List<Thread> workers = new ArrayList<>();
		for (int i = 0; i < 4; i++) {
			Thread worker = new Thread(dispatcher(counting)::dispatchDue);
			worker.start();
			workers.add(worker);
		}
		for (Thread worker : workers) {
			worker.join(30_000);
		}

		assertThat(sends).as("sends, each delivery claimed by one worker").hasValue(24);
		for (String phone : phones) {
			assertThat(SMS.messagesTo(phone)).as(phone).hasSize(1);
		}
	}

	private List<String> checkInsDueBySms(int patients) {
		List<String> phones = new ArrayList<>();
		for (int i = 0; i < patients; i++) {
			UUID patientId = UUID.randomUUID();
			String phone = phone();
			phones.add(phone);
			contact(patientId, phone, null, PatientContactChanged.Channel.SMS, true, false);
			int status = this.client.post()
				.uri("/api/followup/patients/" + patientId + "/check-ins")
				.header(HttpHeaders.AUTHORIZATION, CLINICIAN)
				.exchange((request, response) -> response.getStatusCode().value());
			assertThat(status).isEqualTo(201);
		}
		return phones;
	}

	/**
	 * The real SMS channel, counting its sends and calling back before and after each
	 * with its number.
	 */
	private Channel sms(AtomicInteger sends, IntConsumer before, IntConsumer after) {
		SmsChannel sms = new SmsChannel(this.properties);
		return new Channel() {

			@Override
			public String name() {
				return "SMS";
			}

			@Override
			public Channel.Result send(String to, Composer.Text text, String idempotencyKey) {
				int number = sends.incrementAndGet();
				before.accept(number);
				Channel.Result result = sms.send(to, text, idempotencyKey);
				after.accept(number);
				return result;
			}

		};
	}

	private Dispatcher dispatcher(Channel sms) {
		return new Dispatcher(new Deliveries(this.jdbcClient), this.transactions, this.patients, this.sessions,
				this.messages, this.checkIns, this.links, this.composer, List.of(sms, this.email), this.tasks,
				this.paging, this.outbox, this.properties, this.testClock, new SimpleMeterRegistry(),
				new ChannelStates(new SimpleMeterRegistry(), this.testClock));
	}

}
