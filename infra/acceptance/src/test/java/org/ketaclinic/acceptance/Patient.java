package org.ketaclinic.acceptance;

import java.security.SecureRandom;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A made-up patient with distinctive contact details (the log check looks for them: names
 * {@code Suite<digits>}, addresses {@code suite.<digits>@example.org}, numbers
 * {@code +1555124<4 digits>}).
 *
 * @param suffix the digits that make the patient distinct
 * @param phone the mobile number, or null for an email-only patient
 * @param email the email address
 * @param zone a time zone where it is daytime now, so quiet hours hold nothing back
 */
record Patient(String suffix, String phone, String email, String zone) {

	private static final SecureRandom RANDOM = new SecureRandom();

	private static final List<String> ZONES = List.of("America/New_York", "America/Los_Angeles", "Pacific/Honolulu",
			"Pacific/Auckland", "Asia/Tokyo", "Asia/Kolkata", "Europe/Berlin", "Europe/London", "America/Sao_Paulo");

	static Patient fresh(boolean withPhone) {
		String suffix = String.valueOf(100000 + RANDOM.nextInt(900000));
		String phone = withPhone ? "+1555124" + (1000 + RANDOM.nextInt(9000)) : null;
		return new Patient(suffix, phone, "suite." + suffix + "@example.org", daytimeZone());
	}

	private static String daytimeZone() {
		for (String zone : ZONES) {
			int hour = ZonedDateTime.now(ZoneId.of(zone)).getHour();
			if (hour >= 10 && hour < 19) {
				return zone;
			}
		}
		throw new IllegalStateException("no listed time zone is in daytime now");
	}

	/**
	 * The referral as the front desk enters it.
	 * @param phq9Total the baseline PHQ-9 total
	 * @param psychotic whether the patient has current psychotic symptoms (an exclusion)
	 */
	Map<String, Object> intake(int phq9Total, boolean psychotic) {
		Map<String, Object> contact = new LinkedHashMap<>();
		if (this.phone != null) {
			contact.put("phone", this.phone);
		}
		contact.put("email", this.email);
		contact.put("preferredChannel", (this.phone != null) ? "SMS" : "EMAIL");
		contact.put("timeZone", this.zone);
		Map<String, Object> cssrs = new LinkedHashMap<>();
		cssrs.put("q1WishDead", false);
		cssrs.put("q2ActiveThoughts", false);
		cssrs.put("q6BehaviorLifetime", false);
		Map<String, Object> clinical = new LinkedHashMap<>();
		clinical.put("ageYears", 42);
		clinical.put("pregnancyStatus", "NOT_PREGNANT");
		clinical.put("breastfeeding", false);
		clinical.put("primaryDiagnosis", "MDD");
		clinical.put("failedAdequateTrialsCurrentEpisode", 3);
		clinical.put("systolicBp", 124);
		clinical.put("diastolicBp", 78);
		clinical.put("heartRate", 72);
		for (String absent : List.of("aneurysmalVascularDisease", "arteriovenousMalformation",
				"intracerebralHemorrhageHistory", "ketamineHypersensitivity", "hypertensiveEncephalopathyHistory",
				"raisedIntracranialPressureRisk", "glaucomaOrRaisedIntraocularPressure",
				"significantRespiratoryDiseaseOrOSA", "urinaryTractOrCystitisHistory", "primaryPsychoticDisorder",
				"pastPsychoticSymptoms", "currentManiaOrHypomania")) {
			clinical.put(absent, false);
		}
		clinical.put("currentPsychoticSymptoms", psychotic);
		clinical.put("cardiovascularStatus", "NONE");
		clinical.put("hepaticImpairment", "NONE");
		clinical.put("substanceUseDisorderStatus", "NONE");
		clinical.put("ketaminePcpUse", "NONE");
		clinical.put("cognitiveStatus", "NORMAL");
		clinical.put("capacityToConsent", true);
		clinical.put("phq9Total", phq9Total);
		clinical.put("phq9Item9", 0);
		clinical.put("cssrs", cssrs);
		clinical.put("medicationClasses", List.of("SSRI"));
		clinical.put("benzodiazepineDiazepamEqMgPerDay", 0);
		return Map.of("patient",
				Map.of("givenName", "Ada", "familyName", "Suite" + this.suffix, "dateOfBirth",
						LocalDate.now().minusYears(42).minusDays(30).toString()),
				"contact", contact, "consents",
				Map.of("treatment", true, "sms", this.phone != null, "email", true, "textVersion", "2026-01"),
				"clinical", clinical);
	}

	/**
	 * A full check-in's answers with the given PHQ-9 total and item 9.
	 */
	static Map<String, Object> answers(int total, int item9) {
		List<Integer> items = new ArrayList<>(List.of(0, 0, 0, 0, 0, 0, 0, 0, item9));
		int rest = total - item9;
		for (int i = 0; rest > 0; i = (i + 1) % 8) {
			if (items.get(i) < 3) {
				items.set(i, items.get(i) + 1);
				rest--;
			}
		}
		return Map.of("phq9Items", items, "sideEffects", Map.of("nausea", false, "headache", false), "safety",
				Map.of("suicidalIntent", false, "suicidalPlan", false, "suicidalBehaviour", false));
	}

}
