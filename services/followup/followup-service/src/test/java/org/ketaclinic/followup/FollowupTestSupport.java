package org.ketaclinic.followup;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.ketaclinic.events.ChairId;
import org.ketaclinic.events.LocationId;
import org.ketaclinic.events.PatientId;
import org.ketaclinic.events.PlanId;
import org.ketaclinic.events.SessionId;
import org.ketaclinic.events.SubmissionId;
import org.ketaclinic.followup.checkin.CheckInLinks;
import org.ketaclinic.followup.delivery.Dispatcher;
import org.ketaclinic.intake.events.PatientContactChanged;
import org.ketaclinic.intake.events.Phq9BaselineRecorded;
import org.ketaclinic.platform.events.CloudEventHeaders;
import org.ketaclinic.platform.events.EventJson;
import org.ketaclinic.platform.test.CloudEventRecords;
import org.ketaclinic.platform.test.TestTokens;
import org.ketaclinic.platform.test.TopicProbe;
import org.ketaclinic.platform.test.WithInfrastructure;
import org.ketaclinic.scheduling.events.Protocol;
import org.ketaclinic.scheduling.events.SessionBooked;
import org.ketaclinic.smssink.SmsSink;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * One follow-up service on real infrastructure: PostgreSQL, Kafka, a GreenMail SMTP
 * server and the SMS sink over HTTP. The dispatcher does not run on its own here: tests
 * set the clock and dispatch, so quiet hours and reminder times are deterministic. The
 * demo roster (off by default) is seeded, as on the local stack: the paging tests expect
 * its clinic-wide primary and backup.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "ketaclinic.followup.dispatcher.enabled=false", "ketaclinic.followup.delivery.lease=PT2S",
				"ketaclinic.followup.delivery.backoff=PT1S", "ketaclinic.followup.delivery.attempts-per-channel=2",
				"ketaclinic.followup.delivery.outage-backoff=PT1S", "ketaclinic.followup.sender.name=Lakeside Health",
				"ketaclinic.followup.paging.demo-roster=true",
				"ketaclinic.followup.check-ins.link-base-url=https://gateway.test" })
@WithInfrastructure
@Import(TestClockConfiguration.class)
public abstract class FollowupTestSupport {

	protected static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

	protected static final String FRONT_DESK = TestTokens.bearer("frontdesk-ann", "FRONT_DESK");

	protected static final String CLINICIAN = TestTokens.bearer("dr-lee", "CLINICIAN");

	protected static final GreenMail MAIL = new GreenMail(ServerSetupTest.SMTP.dynamicPort());

	protected static final SmsSink SMS;

	static {
		MAIL.start();
		try {
			SMS = SmsSink.start(0, URI.create("http://localhost:1/not-yet"), "test-webhook-secret", "test-sms-api-key",
					"+1555000");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@DynamicPropertySource
	static void channels(DynamicPropertyRegistry registry) {
		registry.add("spring.mail.host", () -> "127.0.0.1");
		registry.add("spring.mail.port", () -> MAIL.getSmtp().getPort());
		registry.add("ketaclinic.followup.sms.base-url", () -> "http://127.0.0.1:" + SMS.port());
		registry.add("ketaclinic.followup.sms.webhook-secret", () -> "test-webhook-secret");
		registry.add("ketaclinic.followup.sms.api-key", () -> "test-sms-api-key");
	}

	@LocalServerPort
	protected int port;

	@Autowired
	protected KafkaTemplate<String, byte[]> kafka;

	@Autowired
	protected JdbcTemplate jdbc;

	@Autowired
	protected Dispatcher dispatcher;

	@Autowired
	protected TestClock clock;

	@Autowired
	protected CheckInLinks links;

	protected RestClient client;

	@BeforeEach
	void connect() {
		this.client = RestClient.create("http://localhost:" + this.port);
		SMS.webhook(URI.create("http://localhost:" + this.port + "/api/followup/sms/inbound"));
		this.clock.set(Instant.parse("2027-03-01T15:00:00Z")); // Monday 10:00 in New York
	}

	/** A clinician asks for an extra check-in, which must be accepted. */
	protected UUID checkIn(UUID patientId) {
		Result requested = post("/api/followup/patients/" + patientId + "/check-ins", CLINICIAN, null);
		assertThat(requested.status()).isEqualTo(201);
		return UUID.fromString(requested.json().get("checkInId").asString());
	}

	/** The token of a check-in, derived as the dispatcher does for its link. */
	protected String tokenOf(UUID checkInId) {
		UUID nonce = this.jdbc.queryForObject("SELECT token_nonce FROM check_in WHERE check_in_id = ?", UUID.class,
				checkInId);
		return this.links.token(nonce);
	}

	/**
	 * A patient's text reply, delivered by the SMS sink as the provider's webhook would.
	 */
	protected int reply(String phone, String text) {
		return this.client.post()
			.uri("http://127.0.0.1:" + SMS.port() + "/api/replies")
			.body(EventJson.mapper().writeValueAsString(Map.of("from", phone, "body", text)))
			.exchange((request, response) -> response.getStatusCode().value());
	}

	/** A unique mobile number per test patient. */
	protected static String phone() {
		return "+1555" + String.format("%07d", (long) (Math.random() * 9_999_999));
	}

	protected void contact(UUID patientId, String phone, String email, PatientContactChanged.Channel preferred,
			boolean sms, boolean mail) {
		PatientContactChanged contact = new PatientContactChanged(new PatientId(patientId), phone, email, preferred,
				NEW_YORK.getId(), new PatientContactChanged.Consents(true, sms, mail, "2026-01"), Instant.now());
		send(org.ketaclinic.intake.events.Topics.PATIENTS, patientId, "/ketaclinic/intake",
				org.ketaclinic.intake.events.EventTypes.PATIENT_CONTACT_CHANGED, contact);
		await().atMost(Duration.ofSeconds(30))
			.until(() -> this.jdbc.queryForObject(
					"SELECT count(*) FROM patient WHERE patient_id = ? AND time_zone IS NOT NULL", Integer.class,
					patientId) == 1);
	}

	/**
	 * Intake records the PHQ-9 total of a submitted (version 1) or amended intake on its
	 * patients topic, as follow-up's baseline.
	 */
	protected void baseline(UUID patientId, int version, Integer phq9Total, Instant recordedAt, String clinicId) {
		send(org.ketaclinic.intake.events.Topics.PATIENTS, patientId, "/ketaclinic/intake",
				org.ketaclinic.intake.events.EventTypes.PHQ9_BASELINE_RECORDED,
				new Phq9BaselineRecorded(new PatientId(patientId), new SubmissionId(UUID.randomUUID()), version,
						phq9Total, recordedAt, clinicId));
	}

	/** The patient's baseline version once follow-up has recorded this one or a newer. */
	protected void awaitBaselineVersion(UUID patientId, int version) {
		await().atMost(Duration.ofSeconds(30))
			.until(() -> this.jdbc.queryForObject(
					"SELECT count(*) FROM patient WHERE patient_id = ? AND baseline_version >= ?", Integer.class,
					patientId, version) == 1);
	}

	protected UUID book(UUID patientId, UUID planId, int sequence, ZonedDateTime startsAt, String protocol) {
		UUID sessionId = UUID.randomUUID();
		SessionBooked booked = new SessionBooked(new PatientId(patientId), new PlanId(planId), new SessionId(sessionId),
				sequence, Protocol.valueOf(protocol), new LocationId(UUID.randomUUID()), new ChairId(UUID.randomUUID()),
				startsAt.toOffsetDateTime(), startsAt.plusHours(2).toOffsetDateTime(), NEW_YORK.getId());
		send(org.ketaclinic.scheduling.events.Topics.SCHEDULING, patientId, "/ketaclinic/scheduling",
				org.ketaclinic.scheduling.events.EventTypes.SESSION_BOOKED, booked);
		return sessionId;
	}

	protected void send(String topic, UUID patientId, String source, String type, Object data) {
		this.kafka
			.send(CloudEventRecords.of(topic, patientId.toString(), source, type,
					EventJson.mapper().writeValueAsBytes(data)))
			.join();
	}

	/** The patient's messages once there are at least this many. */
	protected JsonNode awaitMessages(UUID patientId, int atLeast) {
		JsonNode[] messages = new JsonNode[1];
		await().atMost(Duration.ofSeconds(30)).until(() -> {
			messages[0] = get("/api/followup/patients/" + patientId + "/messages", FRONT_DESK);
			return messages[0].size() >= atLeast;
		});
		return messages[0];
	}

	protected JsonNode get(String path, String token) {
		return EventJson.mapper()
			.readTree(
					this.client.get().uri(path).header(HttpHeaders.AUTHORIZATION, token).retrieve().body(String.class));
	}

	protected Result post(String path, String token, Object body) {
		return this.client.post().uri(path).headers((headers) -> {
			if (token != null) {
				headers.set(HttpHeaders.AUTHORIZATION, token);
			}
		})
			.contentType(MediaType.APPLICATION_JSON)
			.body((body != null) ? EventJson.mapper().writeValueAsString(body) : "{}")
			.exchange((request, response) -> {
				String text = new String(response.getBody().readAllBytes(), StandardCharsets.UTF_8);
				return new Result(response.getStatusCode().value(),
						text.isEmpty() ? null : EventJson.mapper().readTree(text),
						String.valueOf(response.getHeaders().getContentType()));
			});
	}

	/** Events of the follow-up topic about one patient. */
	protected static List<ConsumerRecord<String, byte[]>> followupEvents(UUID patientId, String type, int atLeast) {
		return TopicProbe
			.readUntil(org.ketaclinic.followup.events.Topics.FOLLOWUP,
					(read) -> read.stream().filter((r) -> is(r, patientId, type)).count() >= atLeast,
					Duration.ofSeconds(30))
			.stream()
			.filter((r) -> is(r, patientId, type))
			.toList();
	}

	private static boolean is(ConsumerRecord<String, byte[]> record, UUID patientId, String type) {
		return patientId.toString().equals(record.key()) && type
			.equals(new String(record.headers().lastHeader(CloudEventHeaders.TYPE).value(), StandardCharsets.UTF_8));
	}

	/**
	 * A response.
	 *
	 * @param status the status code
	 * @param json its body
	 * @param contentType its content type
	 */
	protected record Result(int status, JsonNode json, String contentType) {
	}

	/** A clock the tests set. */
	public static class TestClock extends Clock {

		private final AtomicReference<Instant> now = new AtomicReference<>(Instant.now());

		public void set(Instant instant) {
			this.now.set(instant);
		}

		public void advance(Duration duration) {
			this.now.updateAndGet((instant) -> instant.plus(duration));
		}

		@Override
		public ZoneId getZone() {
			return ZoneId.of("UTC");
		}

		@Override
		public Clock withZone(ZoneId zone) {
			return this;
		}

		@Override
		public Instant instant() {
			return this.now.get();
		}

	}

}
