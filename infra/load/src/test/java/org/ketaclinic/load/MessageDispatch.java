package org.ketaclinic.load;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.FetchProfile;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.eclipse.angus.mail.imap.IMAPFolder;
import tools.jackson.databind.JsonNode;

/**
 * Benchmark 5: due messages dispatched by the follow-up service to the local SMTP server
 * and SMS sink, with the service restarted in the middle. Writes the check-ins due now
 * straight into follow-up's database (half for SMS patients, half for email patients,
 * each with a link), waits until every one has been handed over, stops the follow-up
 * process (SIGTERM, as a deploy does) when half are out and lets the local stack's
 * supervisor start it again, then counts what the sinks received: every check-in link
 * exactly once, no Message-ID twice, no SMS key sent twice. Removes its rows afterwards.
 * Writes {@code target/message-dispatch.json}.
 *
 * <p>
 * The benchmark's patients get ids {@code 00000000-0000-4000-8000-…} and a time zone in
 * which it is daytime now, so quiet hours do not hold their messages back.
 */
public final class MessageDispatch {

	private static final String BENCH_PATIENTS = " patient_id::text LIKE '00000000-0000-4000-8000-%'";

	private static final Pattern CHECK_IN_LINK = Pattern.compile("/checkin/([A-Za-z0-9_-]+)");

	private static final int MESSAGES = Integer.getInteger("load.messages", 100_000);

	private static final int MAILBOXES = Integer.getInteger("load.mailboxes", 500);

	private static final String JDBC = System.getProperty("load.jdbc", "jdbc:postgresql://localhost:15432/followup");

	private static final String SMS_SINK = System.getProperty("load.smsSink", "http://localhost:8089");

	private static final int IMAP_PORT = Integer.getInteger("load.imap", 3143);

	private static final int SMTP_PORT = Integer.getInteger("load.smtp", 3025);

	/** Emails and texts each in the baseline. */
	private static final int BASELINE = Integer.getInteger("load.baseline", 5_000);

	/** As many as the dispatcher's workers. */
	private static final int WORKERS = Integer.getInteger("load.workers", 4);

	private static final URI FOLLOWUP_READY = URI
		.create(System.getProperty("load.followupReady", "http://localhost:8084/actuator/health/readiness"));

	private MessageDispatch() {
	}

	public static void main(String[] args) throws Exception {
		Map<String, Object> result = new LinkedHashMap<>();
		try (Connection db = DriverManager.getConnection(JDBC, "ketaclinic", "ketaclinic")) {
			db.setAutoCommit(true);
			clean(db);
			// what earlier runs left in the mailboxes
			emailReceived();
			result.put("baseline", baseline());
			emailReceived();
			JsonNode smsBefore = sinkStats();
			ZoneId zone = daytimeZone();
			Instant seeded = seed(db, zone);
			result.put("messages", MESSAGES);
			result.put("seedSeconds", seconds(seeded, Instant.now()));
			System.out.printf("message-dispatch: %d check-ins due for %d patients (%s)%n", MESSAGES, MESSAGES, zone);

			int half = MESSAGES / 2;
			Instant restartAt = null;
			Instant readyAgain = null;
			Instant deadline = Instant.now().plus(Duration.ofMinutes(Integer.getInteger("load.minutes", 40)));
			int sent = 0;
			int lastReported = 0;
			while (sent < MESSAGES && Instant.now().isBefore(deadline)) {
				// not too often: each count reads the whole table
				Thread.sleep(2000);
				sent = count(db, "SELECT count(*) FROM message WHERE " + BENCH_PATIENTS
						+ " AND status IN ('SENT', 'DELIVERED')");
				if (sent - lastReported >= MESSAGES / 10) {
					System.out.printf("message-dispatch: %d sent%n", sent);
					lastReported = sent;
				}
				if (restartAt == null && sent >= half) {
					restartAt = Instant.now();
					stopFollowup();
					readyAgain = awaitReady();
					System.out.printf("message-dispatch: follow-up stopped at %d sent, ready again after %.1f s%n",
							sent, seconds(restartAt, readyAgain));
				}
			}
			Map<String, Object> counts = new LinkedHashMap<>();
			counts.put("sent", sent);
			counts.putAll(rows(db, """
					SELECT count(*) FILTER (WHERE status IN ('SENT', 'DELIVERED')) AS "deliveriesSent",
						count(*) FILTER (WHERE status NOT IN ('SENT', 'DELIVERED')) AS "deliveriesNotSent",
						count(*) FILTER (WHERE attempt > 1) AS "deliveriesRetried",
						min(created_at) AS first, max(sent_at) AS last
					FROM delivery WHERE """ + BENCH_PATIENTS));
			counts.put("attempts",
					count(db, "SELECT count(*) FROM delivery_attempt a JOIN delivery d USING (delivery_id) WHERE d."
							+ BENCH_PATIENTS.strip()));
			counts.put("deliveriesWithSeveralAttempts", count(db, """
					SELECT count(*) FROM (SELECT delivery_id FROM delivery_attempt a JOIN delivery d USING (delivery_id)
					WHERE d.""" + BENCH_PATIENTS.strip() + " GROUP BY delivery_id HAVING count(*) > 1) twice"));
			Instant first = ((java.sql.Timestamp) counts.remove("first")).toInstant();
			Instant last = ((java.sql.Timestamp) counts.remove("last")).toInstant();
			result.put("dispatchSeconds", seconds(first, last));
			result.put("messagesPerSecond", Math.round(sent / Math.max(0.001, seconds(first, last))));
			if (restartAt != null) {
				result.put("restartSeconds", seconds(restartAt, readyAgain));
				result.put("messagesPerSecondWithoutRestart",
						Math.round(sent / Math.max(0.001, seconds(first, last) - seconds(restartAt, readyAgain))));
			}
			result.put("database", counts);
			result.put("sms", smsReceived(smsBefore));
			result.put("email", emailReceived());
			clean(db);
		}
		Files.createDirectories(Path.of("target"));
		Files.writeString(Path.of("target/message-dispatch.json"), Json.MAPPER.writeValueAsString(result));
		System.out.println("message-dispatch: " + result);
	}

	/**
	 * The sinks' own limit, the baseline: {@link #BASELINE} emails and as many texts sent
	 * straight to them by {@link #WORKERS} threads (the dispatcher's workers), each email
	 * thread on one open SMTP connection, each text one HTTP request as the dispatcher
	 * sends it.
	 */
	private static Map<String, Object> baseline() throws Exception {
		Properties properties = new Properties();
		Session session = Session.getInstance(properties);
		HttpClient http = HttpClient.newHttpClient();
		AtomicInteger failures = new AtomicInteger();
		// keys of their own: the sink remembers earlier runs' keys
		long run = System.currentTimeMillis();
		Instant started = Instant.now();
		List<Thread> threads = new ArrayList<>();
		for (int t = 0; t < WORKERS; t++) {
			int thread = t;
			threads.add(new Thread(() -> {
				try (Transport smtp = session.getTransport("smtp")) {
					smtp.connect("localhost", SMTP_PORT, null, null);
					for (int i = thread; i < BASELINE; i += WORKERS) {
						MimeMessage email = new MimeMessage(session);
						email.setFrom(new InternetAddress("appointments@clinic.example"));
						email.setRecipient(Message.RecipientType.TO,
								new InternetAddress("bench." + (2 * (i % MAILBOXES)) + "@example.org"));
						email.setSubject("A few questions", "UTF-8");
						email.setText("Hello, please answer: http://localhost:8080/checkin/baseline" + i, "UTF-8");
						email.saveChanges();
						smtp.sendMessage(email, email.getAllRecipients());
						HttpResponse<Void> sms = http.send(HttpRequest
							.newBuilder(URI.create(SMS_SINK + "/api/messages"))
							.header("Content-Type", "application/json")
							.header("Idempotency-Key", "baseline-" + run + "-" + i)
							.POST(HttpRequest.BodyPublishers.ofString("{\"to\":\"+15553" + (1000000 + i)
									+ "\",\"from\":\"+15550100100\",\"body\":\"Please answer: http://localhost:8080/checkin/b"
									+ i + "\"}"))
							.build(), HttpResponse.BodyHandlers.discarding());
						if (sms.statusCode() != 201) {
							failures.incrementAndGet();
						}
					}
				}
				catch (Exception ex) {
					failures.incrementAndGet();
				}
			}));
		}
		threads.forEach(Thread::start);
		for (Thread thread : threads) {
			thread.join();
		}
		double seconds = seconds(started, Instant.now());
		Map<String, Object> baseline = new LinkedHashMap<>();
		baseline.put("messages", 2 * BASELINE);
		baseline.put("failures", failures.get());
		baseline.put("seconds", seconds);
		baseline.put("messagesPerSecond", Math.round(2 * BASELINE / seconds));
		System.out.printf("message-dispatch: baseline, %d messages straight to the sinks: %s%n", 2 * BASELINE,
				baseline);
		return baseline;
	}

	/** A zone where it is between 10:00 and 16:00 now: quiet hours do not apply. */
	private static ZoneId daytimeZone() {
		for (int offset = -12; offset <= 14; offset++) {
			ZoneId zone = ZoneId
				.of((offset == 0) ? "Etc/UTC" : "Etc/GMT" + ((offset > 0) ? "-" : "+") + Math.abs(offset));
			int hour = ZonedDateTime.now(zone).getHour();
			if (hour >= 10 && hour < 16) {
				return zone;
			}
		}
		throw new IllegalStateException("no daytime zone");
	}

	/**
	 * Patients (odd: SMS, even: email, sharing {@link #MAILBOXES} addresses), one
	 * check-in each and its message, due now.
	 */
	private static Instant seed(Connection db, ZoneId zone) throws SQLException {
		db.setAutoCommit(false);
		try (PreparedStatement patients = db.prepareStatement("""
				INSERT INTO patient (patient_id, phone, email, preferred_channel, time_zone, consent_sms, consent_email,
					consent_text_version, contact_changed_at)
				SELECT ('00000000-0000-4000-8000-' || lpad(to_hex(i), 12, '0'))::uuid,
					CASE WHEN i % 2 = 1 THEN '+1555' || (2000000 + i) END,
					CASE WHEN i % 2 = 0 THEN 'bench.' || (i % ?) || '@example.org' END,
					CASE WHEN i % 2 = 1 THEN 'SMS' ELSE 'EMAIL' END, ?, i % 2 = 1, i % 2 = 0, 'bench', now()
				FROM generate_series(1, ?) AS i
				"""); PreparedStatement checkIns = db.prepareStatement("""
				INSERT INTO check_in (check_in_id, patient_id, kind, day_number, origin, due_at, token_nonce,
					token_hash, status)
				SELECT gen_random_uuid(), patient_id, 'MONTHLY', 60, 'bench:' || patient_id, now(), gen_random_uuid(),
					'bench:' || patient_id, 'PLANNED'
				FROM patient WHERE """ + BENCH_PATIENTS); PreparedStatement messages = db.prepareStatement("""
				INSERT INTO message (message_id, patient_id, kind, check_in_id, origin, due_at, scheduled_for,
					status, created_at, updated_at)
				SELECT gen_random_uuid(), patient_id, 'CHECK_IN', check_in_id, origin, now(), now(), 'PLANNED',
					now(), now()
				FROM check_in WHERE origin LIKE 'bench:%'
				""")) {
			patients.setInt(1, 2 * MAILBOXES);
			patients.setString(2, zone.getId());
			patients.setInt(3, MESSAGES);
			patients.executeUpdate();
			checkIns.executeUpdate();
			messages.executeUpdate();
			db.commit();
			return Instant.now();
		}
		finally {
			db.setAutoCommit(true);
		}
	}

	/** Removes the benchmark's rows, the dispatcher held off meanwhile. */
	private static void clean(Connection db) throws SQLException {
		db.setAutoCommit(false);
		try (Statement statement = db.createStatement()) {
			statement.execute("LOCK TABLE delivery IN EXCLUSIVE MODE");
			statement.executeUpdate(
					"DELETE FROM delivery_attempt WHERE delivery_id IN (SELECT delivery_id FROM delivery WHERE "
							+ BENCH_PATIENTS + ")");
			statement.executeUpdate("DELETE FROM message WHERE " + BENCH_PATIENTS);
			statement.executeUpdate("DELETE FROM delivery WHERE " + BENCH_PATIENTS);
			statement.executeUpdate("DELETE FROM check_in WHERE " + BENCH_PATIENTS);
			statement.executeUpdate("DELETE FROM patient WHERE " + BENCH_PATIENTS);
			db.commit();
		}
		finally {
			db.setAutoCommit(true);
		}
	}

	/** Stops the follow-up service as a deploy does; the local stack starts it again. */
	private static void stopFollowup() {
		List<ProcessHandle> followup = ProcessHandle.allProcesses()
			.filter((process) -> process.info().commandLine().orElse("").contains("followup-service.jar"))
			.toList();
		if (followup.isEmpty()) {
			throw new IllegalStateException("no follow-up process to restart");
		}
		followup.forEach(ProcessHandle::destroy);
		followup.forEach((process) -> process.onExit().join());
	}

	private static Instant awaitReady() throws InterruptedException {
		Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
		while (Instant.now().isBefore(deadline)) {
			try {
				if (Platform.send(HttpRequest.newBuilder(FOLLOWUP_READY).timeout(Duration.ofSeconds(2)).build())
					.statusCode() == 200) {
					return Instant.now();
				}
			}
			catch (IllegalStateException notYet) {
				// refused while it starts
			}
			Thread.sleep(200);
		}
		throw new IllegalStateException("follow-up did not come back within 3 minutes");
	}

	private static JsonNode sinkStats() {
		return Json.MAPPER
			.readTree(Platform.send(HttpRequest.newBuilder(URI.create(SMS_SINK + "/api/stats")).build()).body());
	}

	/** What the SMS sink received: messages, distinct links, and keys it saw again. */
	private static Map<String, Object> smsReceived(JsonNode statsBefore) {
		int before = statsBefore.path("messages").asInt();
		JsonNode all = Json.MAPPER
			.readTree(Platform.send(HttpRequest.newBuilder(URI.create(SMS_SINK + "/api/messages")).build()).body());
		int messages = 0;
		Set<String> links = new HashSet<>();
		// newest first: the ones that arrived since the benchmark began
		for (JsonNode message : all.values().stream().limit(all.size() - before).toList()) {
			if (!message.path("to").asString().startsWith("+15552")) {
				continue;
			}
			messages++;
			Matcher link = CHECK_IN_LINK.matcher(message.path("body").asString());
			if (link.find()) {
				links.add(link.group(1));
			}
		}
		JsonNode stats = sinkStats();
		Map<String, Object> sms = new LinkedHashMap<>();
		sms.put("received", messages);
		sms.put("distinctLinks", links.size());
		sms.put("sinkTotalSinceStart", stats.path("messages").asInt() - before);
		sms.put("resendsRecognisedByKey",
				stats.path("repeatedKeys").asInt() - statsBefore.path("repeatedKeys").asInt());
		return sms;
	}

	/** What the mailboxes hold: messages, distinct Message-IDs and distinct links. */
	private static Map<String, Object> emailReceived() throws MessagingException, IOException {
		Properties properties = new Properties();
		properties.put("mail.imap.connectiontimeout", "5000");
		properties.put("mail.imap.timeout", "60000");
		int received = 0;
		Set<String> messageIds = new HashSet<>();
		Set<String> links = new HashSet<>();
		Map<String, Integer> perMailbox = new HashMap<>();
		for (int box = 0; box < MAILBOXES; box++) {
			String address = "bench." + (2 * box) + "@example.org";
			// IMAP, to fetch a whole mailbox in one command (POP3 retrieves one message
			// per
			// round trip)
			try (Store store = Session.getInstance(properties).getStore("imap")) {
				store.connect("localhost", IMAP_PORT, address, address);
				Folder inbox = store.getFolder("INBOX");
				inbox.open(Folder.READ_WRITE);
				Message[] messages = inbox.getMessages();
				FetchProfile whole = new FetchProfile();
				whole.add(IMAPFolder.FetchProfileItem.MESSAGE);
				inbox.fetch(messages, whole);
				for (Message message : messages) {
					received++;
					perMailbox.merge(address, 1, Integer::sum);
					String[] id = message.getHeader("Message-ID");
					messageIds.add((id != null) ? id[0] : "none-" + received);
					Matcher link = CHECK_IN_LINK.matcher(String.valueOf(message.getContent()));
					if (link.find()) {
						links.add(link.group(1));
					}
				}
				// emptied, so a second run counts only its own: one command for the whole
				// mailbox
				inbox.setFlags(messages, new Flags(Flags.Flag.DELETED), true);
				inbox.close(true);
			}
			catch (AuthenticationFailedException noMail) {
				// no mail arrived for this address
			}
		}
		Map<String, Object> email = new LinkedHashMap<>();
		email.put("received", received);
		email.put("distinctMessageIds", messageIds.size());
		email.put("distinctLinks", links.size());
		email.put("mailboxes", perMailbox.size());
		return email;
	}

	private static int count(Connection db, String sql) throws SQLException {
		try (Statement statement = db.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
			rows.next();
			return rows.getInt(1);
		}
	}

	private static Map<String, Object> rows(Connection db, String sql) throws SQLException {
		Map<String, Object> row = new LinkedHashMap<>();
		try (Statement statement = db.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
			rows.next();
			for (int i = 1; i <= rows.getMetaData().getColumnCount(); i++) {
				Object value = rows.getObject(i);
				row.put(rows.getMetaData().getColumnLabel(i),
						(value instanceof Long number) ? number.intValue() : value);
			}
		}
		return row;
	}

	private static double seconds(Instant from, Instant to) {
		return Math.round(Duration.between(from, to).toMillis() / 100.0) / 10.0;
	}

}
