package org.ketaclinic.followup;

import java.time.Duration;
import java.time.LocalTime;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.ketaclinic.followup.policy.CheckInCadence;
import org.ketaclinic.followup.policy.CrisisWords;
import org.ketaclinic.followup.policy.Escalation;
import org.ketaclinic.followup.policy.MessageKind;
import org.ketaclinic.followup.policy.Phq9Course;
import org.ketaclinic.followup.policy.QuietHours;
import org.ketaclinic.followup.policy.ReminderSchedule;
import org.ketaclinic.followup.policy.SmsBudget;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Everything a clinic tunes about follow-up, under {@code ketaclinic.followup.*}, with
 * the defaults of clinical-criteria.md §4–§5 and the rules of sending. Checked at
 * start-up: a service with inconsistent settings does not start.
 *
 * @param sender the neutral sender the patient sees
 * @param reminders how long before a session each reminder goes out
 * @param confirmationDelay how long a booking confirmation waits, so that a series booked
 * at once is confirmed in one message
 * @param coalesceWindow appointment messages for one patient due within this window go
 * out as one message
 * @param quietHoursStart the first local time messages may go out (08:00)
 * @param quietHoursEnd the local time from which they may not (21:00)
 * @param smsPerDay text messages per patient per local day (1)
 * @param smsPerWeek text messages per patient in seven days (3)
 * @param checkIns the check-in cadence and links
 * @param phq9 the PHQ-9 thresholds of §5
 * @param alerts how soon a clinician must acknowledge an alert
 * @param delivery the dispatcher's pace and retries
 * @param sms the SMS provider
 * @param preparation the preparation instructions of each protocol (§4)
 * @param crisisText what a patient whose answers raise an urgent alert is shown
 * @param paging how urgent alerts page the on-call roster and escalate
 * @param crisisWords words and phrases in a patient's text reply that raise an urgent
 * alert (case-insensitive, whole words)
 * @param crisisReply the text sent back at once to a patient whose reply had crisis
 * words: neutral, as every text (it may be read over the patient's shoulder), and holding
 * none of the crisis words (checked at start-up)
 */
@ConfigurationProperties("ketaclinic.followup")
public record FollowupProperties(Sender sender, Map<MessageKind, Duration> reminders, Duration confirmationDelay,
		Duration coalesceWindow, LocalTime quietHoursStart, LocalTime quietHoursEnd, Integer smsPerDay,
		Integer smsPerWeek, CheckIns checkIns, Phq9 phq9, Alerts alerts, Delivery delivery, Sms sms,
		Map<String, Preparation> preparation, String crisisText, Paging paging, List<String> crisisWords,
		String crisisReply) {

	public FollowupProperties {
		sender = (sender != null) ? sender : new Sender(null, null, null, null);
		reminders = (reminders != null && !reminders.isEmpty()) ? new EnumMap<>(reminders)
				: ReminderSchedule.defaults().offsets();
		confirmationDelay = orDefault(confirmationDelay, Duration.ofSeconds(10));
		coalesceWindow = orDefault(coalesceWindow, Duration.ofHours(2));
		quietHoursStart = (quietHoursStart != null) ? quietHoursStart : LocalTime.of(8, 0);
		quietHoursEnd = (quietHoursEnd != null) ? quietHoursEnd : LocalTime.of(21, 0);
		smsPerDay = (smsPerDay != null) ? smsPerDay : 1;
		smsPerWeek = (smsPerWeek != null) ? smsPerWeek : 3;
		checkIns = (checkIns != null) ? checkIns : new CheckIns(null, null, null, null, null, null, null, null);
		phq9 = (phq9 != null) ? phq9 : new Phq9(null, null, null, null, null, null);
		alerts = (alerts != null) ? alerts : new Alerts(null, null);
		delivery = (delivery != null) ? delivery : new Delivery(null, null, null, null, null, null, null, null);
		sms = (sms != null) ? sms : new Sms(null, null, null, null, null);
		preparation = (preparation != null && !preparation.isEmpty()) ? Map.copyOf(preparation)
				: Map.of("IV_KETAMINE", new Preparation(Duration.ofHours(6), Duration.ofHours(2)), "ESKETAMINE",
						new Preparation(Duration.ofHours(2), Duration.ofMinutes(30)));
		crisisText = (crisisText != null && !crisisText.isBlank()) ? crisisText
				: "If you are in danger or thinking about harming yourself, call 911 or your local emergency number"
						+ " now, or call or text 988 (Suicide & Crisis Lifeline, US). Our clinical team has been alerted"
						+ " and will contact you today.";
		paging = (paging != null) ? paging : new Paging(null, null, null, null);
		crisisWords = (crisisWords != null && !crisisWords.isEmpty()) ? List.copyOf(crisisWords) : CrisisWords.DEFAULTS;
		crisisReply = (crisisReply != null && !crisisReply.isBlank()) ? crisisReply
				: "if you are in danger or thinking of harming yourself, call 911 or your local emergency number now,"
						+ " or call or text 988, the 24/7 crisis line. Our clinical team has been alerted and will contact"
						+ " you today.";
		if (confirmationDelay.isNegative() || coalesceWindow.isNegative()) {
			throw new IllegalArgumentException("ketaclinic.followup delays must not be negative");
		}
		// each of these checks its own consistency
		new ReminderSchedule(reminders);
		new QuietHours(quietHoursStart, quietHoursEnd);
		new SmsBudget(smsPerDay, smsPerWeek);
		checkIns.cadence();
		phq9.course();
		List<String> echoed = new CrisisWords(crisisWords).in(crisisReply);
		if (!echoed.isEmpty()) {
			throw new IllegalArgumentException("ketaclinic.followup.crisis-reply must not contain a crisis word (\""
					+ String.join("\", \"", echoed) + "\" is one of ketaclinic.followup.crisis-words): a reply"
					+ " echoed back would be read as a new crisis and answered again");
		}
	}

	public CrisisWords crisisWordList() {
		return new CrisisWords(this.crisisWords);
	}

	private static Duration orDefault(Duration value, Duration fallback) {
		return (value != null) ? value : fallback;
	}

	public ReminderSchedule reminderSchedule() {
		return new ReminderSchedule(this.reminders);
	}

	public QuietHours quietHours() {
		return new QuietHours(this.quietHoursStart, this.quietHoursEnd);
	}

	public SmsBudget smsBudget() {
		return new SmsBudget(this.smsPerDay, this.smsPerWeek);
	}

	/** The preparation instructions of a protocol; the IV ones if it is unknown. */
	public Preparation preparationFor(String protocol) {
		return this.preparation.getOrDefault(protocol, this.preparation.get("IV_KETAMINE"));
	}

	/**
	 * Who messages come from: neutral, naming no drug, diagnosis or treatment.
	 *
	 * @param name the name patients see ("Riverside Clinic")
	 * @param email the From address of email
	 * @param smsFrom the SMS sender id or number
	 * @param phone the number patients call to change an appointment
	 */
	public record Sender(String name, String email, String smsFrom, String phone) {

		public Sender {
			name = (name != null && !name.isBlank()) ? name : "Riverside Clinic";
			email = (email != null && !email.isBlank()) ? email : "appointments@clinic.example";
			smsFrom = (smsFrom != null && !smsFrom.isBlank()) ? smsFrom : "+15550100100";
			phone = (phone != null && !phone.isBlank()) ? phone : "+1 555 010 0100";
		}

	}

	/**
	 * Check-ins: their cadence (§5) and links.
	 *
	 * @param linkBaseUrl the gateway address in links: {@code {gateway}/checkin/{token}}
	 * @param linkSecret the key links are derived from (only their hashes are stored)
	 * @param linkValidity how long a link works once sent (3 days)
	 * @param sendAt the local time of day check-ins go out (10:00)
	 * @param inductionWeeks weekly check-ins during induction, at most (4)
	 * @param afterSeriesDays days after the series (7, 14, 21, 28)
	 * @param monthlyDays days after the series for the monthly ones (60, 90, 180)
	 * @param afterBoosterDays days after a booster (3, 7)
	 */
	public record CheckIns(String linkBaseUrl, String linkSecret, Duration linkValidity, LocalTime sendAt,
			Integer inductionWeeks, List<Integer> afterSeriesDays, List<Integer> monthlyDays,
			List<Integer> afterBoosterDays) {

		public CheckIns {
			CheckInCadence defaults = CheckInCadence.defaults();
			linkBaseUrl = (linkBaseUrl != null && !linkBaseUrl.isBlank()) ? linkBaseUrl.replaceAll("/+$", "")
					: "http://localhost:8080";
			linkSecret = (linkSecret != null && !linkSecret.isBlank()) ? linkSecret : "local-check-in-link-secret";
			linkValidity = orDefault(linkValidity, Duration.ofDays(3));
			sendAt = (sendAt != null) ? sendAt : defaults.sendAt();
			inductionWeeks = (inductionWeeks != null) ? inductionWeeks : defaults.inductionWeeks();
			afterSeriesDays = (afterSeriesDays != null) ? List.copyOf(afterSeriesDays) : defaults.afterSeriesDays();
			monthlyDays = (monthlyDays != null) ? List.copyOf(monthlyDays) : defaults.monthlyDays();
			afterBoosterDays = (afterBoosterDays != null) ? List.copyOf(afterBoosterDays) : defaults.afterBoosterDays();
			if (linkSecret.length() < 16 || linkValidity.isNegative() || linkValidity.isZero()) {
				throw new IllegalArgumentException(
						"ketaclinic.followup.check-ins: link-secret needs 16+ characters, link-validity must be positive");
			}
		}

		public CheckInCadence cadence() {
			return new CheckInCadence(this.sendAt, this.inductionWeeks, this.afterSeriesDays, this.monthlyDays,
					this.afterBoosterDays);
		}

	}

	/**
	 * The PHQ-9 definitions of §5.
	 *
	 * @param responseReduction reduction from baseline that is a response (0.5)
	 * @param partialReduction reduction that is a partial response (0.25)
	 * @param remissionBelow totals below this are a remission (5)
	 * @param worseningPoints a clinically significant rise (5)
	 * @param relapseAfterRemission totals from this on after a remission (10)
	 * @param lossOfResponseSpan least span of the check-ins confirming a loss of response
	 * (7 days)
	 */
	public record Phq9(Double responseReduction, Double partialReduction, Integer remissionBelow,
			Integer worseningPoints, Integer relapseAfterRemission, Duration lossOfResponseSpan) {

		public Phq9 {
			Phq9Course defaults = Phq9Course.defaults();
			responseReduction = (responseReduction != null) ? responseReduction : defaults.responseReduction();
			partialReduction = (partialReduction != null) ? partialReduction : defaults.partialReduction();
			remissionBelow = (remissionBelow != null) ? remissionBelow : defaults.remissionBelow();
			worseningPoints = (worseningPoints != null) ? worseningPoints : defaults.worseningPoints();
			relapseAfterRemission = (relapseAfterRemission != null) ? relapseAfterRemission
					: defaults.relapseAfterRemission();
			lossOfResponseSpan = orDefault(lossOfResponseSpan, defaults.lossOfResponseSpan());
		}

		public Phq9Course course() {
			return new Phq9Course(this.responseReduction, this.partialReduction, this.remissionBelow,
					this.worseningPoints, this.relapseAfterRemission, this.lossOfResponseSpan);
		}

	}

	/**
	 * How soon alerts must be acknowledged.
	 *
	 * @param urgentWithin urgent alerts (1 hour: the same day)
	 * @param reviewWithin review alerts (3 days)
	 */
	public record Alerts(Duration urgentWithin, Duration reviewWithin) {

		public Alerts {
			urgentWithin = orDefault(urgentWithin, Duration.ofHours(1));
			reviewWithin = orDefault(reviewWithin, Duration.ofDays(3));
		}

	}

	/**
	 * The dispatcher.
	 *
	 * @param pollInterval how often it looks for due messages (1 s)
	 * @param batchSize how many it claims at once (20)
	 * @param lease how long a claim lasts before another dispatcher may take it over (1
	 * min)
	 * @param attemptsPerChannel tries on one channel before the other is tried (4)
	 * @param backoff the first retry delay, doubled each time (30 s)
	 * @param maxBackoff the longest retry delay (30 min)
	 * @param workers how many deliveries one instance sends at the same time (4): sending
	 * waits on the database and the providers, not on the processor
	 * @param outageBackoff how long a delivery waits before it is tried again after the
	 * provider could not be reached or said it is unavailable (30 s; positive, at most
	 * {@code maxBackoff}): the same after every such attempt, however long the outage, so
	 * a message goes at most this long after the provider is back. Such attempts do not
	 * count against {@code attemptsPerChannel}.
	 */
	public record Delivery(Duration pollInterval, Integer batchSize, Duration lease, Integer attemptsPerChannel,
			Duration backoff, Duration maxBackoff, Integer workers, Duration outageBackoff) {

		public Delivery {
			pollInterval = orDefault(pollInterval, Duration.ofSeconds(1));
			batchSize = (batchSize != null) ? batchSize : 20;
			lease = orDefault(lease, Duration.ofMinutes(1));
			attemptsPerChannel = (attemptsPerChannel != null) ? attemptsPerChannel : 4;
			backoff = orDefault(backoff, Duration.ofSeconds(30));
			maxBackoff = orDefault(maxBackoff, Duration.ofMinutes(30));
			workers = (workers != null) ? workers : 4;
			outageBackoff = orDefault(outageBackoff, Duration.ofSeconds(30));
			if (outageBackoff.isNegative() || outageBackoff.isZero() || outageBackoff.compareTo(maxBackoff) > 0) {
				throw new IllegalArgumentException(
						"ketaclinic.followup.delivery.outage-backoff must be positive and at most max-backoff");
			}
			if (batchSize < 1 || attemptsPerChannel < 1 || lease.toMillis() < 100 || workers < 1 || workers > 64) {
				throw new IllegalArgumentException(
						"ketaclinic.followup.delivery settings must be positive, workers at most 64");
			}
		}

	}

	/**
	 * The SMS provider.
	 *
	 * @param baseUrl its address (the local stack's sink: http://localhost:8089)
	 * @param webhookSecret the shared secret that signs its inbound-reply webhook
	 * @param apiKey the credential the provider's API takes
	 * ({@code Authorization: Bearer <key>})
	 * @param webhookTolerance how far a webhook call's signed timestamp may be from now;
	 * an older call is a replay and refused
	 * @param timeout how long a send may take
	 */
	public record Sms(String baseUrl, String webhookSecret, String apiKey, Duration webhookTolerance,
			Duration timeout) {

		public Sms {
			baseUrl = (baseUrl != null && !baseUrl.isBlank()) ? baseUrl.replaceAll("/+$", "") : "http://localhost:8089";
			webhookSecret = (webhookSecret != null && !webhookSecret.isBlank()) ? webhookSecret
					: "local-sms-webhook-secret";
			apiKey = (apiKey != null && !apiKey.isBlank()) ? apiKey : "local-sms-api-key";
			webhookTolerance = orDefault(webhookTolerance, Duration.ofMinutes(5));
			timeout = orDefault(timeout, Duration.ofSeconds(5));
			if (webhookTolerance.isNegative() || webhookTolerance.isZero()
					|| webhookTolerance.compareTo(Duration.ofHours(1)) > 0) {
				throw new IllegalArgumentException(
						"ketaclinic.followup.sms.webhook-tolerance must be positive and at most an hour");
			}
		}

	}

	/**
	 * What to do before a session (§4): no food for a while, nothing to drink for a
	 * shorter while; an escort home and no driving until the next day always apply.
	 *
	 * @param noFoodFor no solid food for this long before
	 * @param noDrinksFor no drinks (clear liquids before that) for this long before
	 */
	public record Preparation(Duration noFoodFor, Duration noDrinksFor) {

		public Preparation {
			if (noFoodFor == null || noDrinksFor == null || noFoodFor.isNegative() || noDrinksFor.isNegative()) {
				throw new IllegalArgumentException("preparation needs no-food-for and no-drinks-for");
			}
		}

	}

	/**
	 * Paging of urgent alerts.
	 *
	 * @param escalateAfter how long a page may go unacknowledged before the next level is
	 * paged (15 min): primary at once, the backup after this, every clinician after twice
	 * this, and everyone again every period until acknowledged (1 second to 1 day)
	 * @param pollInterval how often the escalation loop looks for alerts due to escalate
	 * (10 s)
	 * @param batchSize how many alerts one pass escalates at most (20)
	 * @param demoRoster whether to seed the local stack's demo roster (a clinic-wide
	 * primary +15550100911 and backup +15550100912, lakeside's +15550100913 and
	 * +15550100914) once, if it was never seeded (false: a real clinic keeps its roster
	 * on the administration page; the local stack sets it true)
	 */
	public record Paging(Duration escalateAfter, Duration pollInterval, Integer batchSize, Boolean demoRoster) {

		public Paging {
			escalateAfter = orDefault(escalateAfter, Duration.ofMinutes(15));
			pollInterval = orDefault(pollInterval, Duration.ofSeconds(10));
			batchSize = (batchSize != null) ? batchSize : 20;
			demoRoster = (demoRoster != null) ? demoRoster : Boolean.FALSE;
			if (pollInterval.toMillis() < 100 || batchSize < 1) {
				throw new IllegalArgumentException(
						"ketaclinic.followup.paging: poll-interval must be at least 100 ms, batch-size positive");
			}
			new Escalation(escalateAfter);
		}

		public Escalation escalation() {
			return new Escalation(this.escalateAfter);
		}

	}

}
