package org.ketaclinic.followup.delivery;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.ketaclinic.followup.FollowupProperties;
import org.ketaclinic.followup.FollowupTestSupport;
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
 * message exactly once.
 */
class DispatcherCrashIT extends FollowupTestSupport {

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
	Outbox outbox;

	@Autowired
	FollowupProperties properties;

	@Autowired
	EmailChannel email;

	@Autowired
	Clock testClock;

	@Test
	void aDispatcherKilledMidBatchLeavesNothingUnsentAndNothingSentTwice() {
		List<String> phones = new ArrayList<>();
		for (int i = 0; i < 6; i++) {
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
		AtomicInteger sent = new AtomicInteger();
		Channel dying = new Channel() {

			private final SmsChannel sms = new SmsChannel(DispatcherCrashIT.this.properties);

			@Override
			public String name() {
				return "SMS";
			}

			@Override
			public Channel.Result send(String to, Composer.Text text, String idempotencyKey) {
				Channel.Result result = this.sms.send(to, text, idempotencyKey);
				if (sent.incrementAndGet() == 3) {
					// the process dies after the provider took the third text, before the
					// dispatcher could record it
					throw new OutOfMemoryError("simulated crash");
				}
				return result;
			}

		};
		Dispatcher doomed = new Dispatcher(this.jdbcClient, this.transactions, this.patients, this.sessions,
				this.messages, this.checkIns, this.links, this.composer, List.of(dying, this.email), this.tasks,
				this.outbox, this.properties, this.testClock, new SimpleMeterRegistry());

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

}
