package org.ketaclinic.interop.fhir;

import java.math.BigDecimal;

import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.DecimalType;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.QuestionnaireResponse.QuestionnaireResponseItemComponent;
import org.hl7.fhir.r4.model.QuestionnaireResponse.QuestionnaireResponseStatus;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.Type;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A completed intake form read as intake's request body: every answer at the field its
 * linkId names, typed as the form says; whatever does not fit the form named by its
 * linkId, with nothing to send.
 */
class ReferralsTests {

	@Test
	void aCompletedResponseBecomesTheIntakeBodyFieldForField() {
		QuestionnaireResponse response = completed();
		QuestionnaireResponseItemComponent patient = group(response, "patient");
		answer(patient, "patient.givenName", new StringType("Ada"));
		answer(patient, "patient.familyName", new StringType("Lovelace"));
		answer(patient, "patient.dateOfBirth", new DateType("1981-04-12"));
		QuestionnaireResponseItemComponent contact = group(response, "contact");
		answer(contact, "contact.phone", new StringType("+15550100200"));
		answer(contact, "contact.preferredChannel",
				new Coding(IntakeQuestionnaire.CODE_SYSTEMS + "channel", "SMS", null));
		QuestionnaireResponseItemComponent consents = group(response, "consents");
		answer(consents, "consents.treatment", new BooleanType(true));
		QuestionnaireResponseItemComponent clinical = group(response, "clinical");
		answer(clinical, "clinical.systolicBp", new IntegerType(128));
		answer(clinical, "clinical.pregnancyStatus", new Coding(null, "NOT_PREGNANT", null));
		answer(clinical, "clinical.benzodiazepineDiazepamEqMgPerDay", new DecimalType(new BigDecimal("7.5")));
		QuestionnaireResponseItemComponent items = clinical.addItem().setLinkId("clinical.phq9Items");
		for (int item : new int[] { 2, 2, 3, 2, 1, 2, 2, 1, 0 }) {
			items.addAnswer().setValue(new IntegerType(item));
		}
		QuestionnaireResponseItemComponent medications = clinical.addItem().setLinkId("clinical.medicationClasses");
		medications.addAnswer().setValue(new Coding(null, "SSRI", null));
		medications.addAnswer().setValue(new Coding(null, "LITHIUM", null));
		QuestionnaireResponseItemComponent cssrs = clinical.addItem().setLinkId("clinical.cssrs");
		answer(cssrs, "clinical.cssrs.q1WishDead", new BooleanType(true));
		answer(cssrs, "clinical.cssrs.q2ActiveThoughts", new BooleanType(false));
		// a question left unanswered is a field left out
		clinical.addItem().setLinkId("clinical.heartRate");
		// the clinic, as a flat item beside the groups
		answer(response, "clinicId", new StringType("lakeside"));

		Referrals.Referral referral = Referrals.read(response);

		assertThat(referral.problems()).isEmpty();
		JsonNode body = referral.body();
		assertThat(body.get("patient").get("givenName").asString()).isEqualTo("Ada");
		assertThat(body.get("patient").get("dateOfBirth").asString()).isEqualTo("1981-04-12");
		assertThat(body.get("contact").get("preferredChannel").asString()).isEqualTo("SMS");
		assertThat(body.get("consents").get("treatment").asBoolean()).isTrue();
		assertThat(body.get("clinical").get("systolicBp").asInt()).isEqualTo(128);
		assertThat(body.get("clinical").get("pregnancyStatus").asString()).isEqualTo("NOT_PREGNANT");
		assertThat(body.get("clinical").get("benzodiazepineDiazepamEqMgPerDay").decimalValue())
			.isEqualByComparingTo("7.5");
		assertThat(body.get("clinical").get("phq9Items").valueStream().map(JsonNode::asInt).toList()).containsExactly(2,
				2, 3, 2, 1, 2, 2, 1, 0);
		assertThat(body.get("clinical").get("medicationClasses").valueStream().map(JsonNode::asString).toList())
			.containsExactly("SSRI", "LITHIUM");
		assertThat(body.get("clinical").get("cssrs").get("q1WishDead").asBoolean()).isTrue();
		assertThat(body.get("clinical").get("cssrs").get("q2ActiveThoughts").asBoolean()).isFalse();
		assertThat(body.get("clinical").has("heartRate")).isFalse();
		assertThat(body.get("clinicId").asString()).isEqualTo("lakeside");
	}

	@Test
	void everyAnswerThatDoesNotFitTheFormIsNamedByItsLinkIdAndNothingIsSent() {
		QuestionnaireResponse response = completed();
		answer(response, "patient.givenName", new IntegerType(7));
		answer(response, "patient.dateOfBirth", new DateType("1981-04"));
		answer(response, "clinical.pregnancyStatus", new Coding(null, "MAYBE", null));
		answer(response, "clinical.systolicBp", new StringType("high"));
		QuestionnaireResponseItemComponent twice = response.addItem().setLinkId("clinical.heartRate");
		twice.addAnswer().setValue(new IntegerType(70));
		twice.addAnswer().setValue(new IntegerType(72));
		answer(response, "clinical.favouriteColour", new StringType("blue"));
		answer(response, "clinical.cssrs.q3Method", new BooleanType(true));

		Referrals.Referral referral = Referrals.read(response);

		assertThat(referral.readable()).isFalse();
		assertThat(referral.body()).isNull();
		assertThat(referral.problems()).containsOnlyKeys("patient.givenName", "patient.dateOfBirth",
				"clinical.pregnancyStatus", "clinical.systolicBp", "clinical.heartRate", "clinical.favouriteColour");
		assertThat(referral.problems().get("clinical.pregnancyStatus")).contains("NOT_PREGNANT");
		assertThat(referral.problems().get("patient.dateOfBirth")).contains("yyyy-MM-dd");
		assertThat(referral.problems().get("clinical.heartRate")).contains("one answer");
	}

	@Test
	void aResponseToAnotherFormOrEnteredInErrorIsRefusedButAnIncompleteOneIsAReferral() {
		QuestionnaireResponse other = new QuestionnaireResponse().setQuestionnaire("http://example.org/Questionnaire/x")
			.setStatus(QuestionnaireResponseStatus.ENTEREDINERROR);

		assertThat(Referrals.read(other).problems()).containsOnlyKeys("questionnaire", "status");
		assertThat(Referrals.read(completed().setQuestionnaire(IntakeQuestionnaire.URL + "|1")).readable())
			.as("the form's URL with its version")
			.isTrue();
		QuestionnaireResponse incomplete = completed().setStatus(QuestionnaireResponseStatus.INPROGRESS);
		answer(incomplete, "clinical.phq9Item9", new IntegerType(3));
		assertThat(Referrals.read(incomplete).body().get("clinical").get("phq9Item9").asInt())
			.as("an incomplete form's risk answer still goes to intake")
			.isEqualTo(3);
	}

	@Test
	void screenerAnswersCodedAsLoincsYesAndNoAreTakenAsTheyAreMeant() {
		QuestionnaireResponse response = completed();
		answer(response, "clinical.cssrs.q1WishDead", new Coding("http://loinc.org", "LA33-6", "Yes"));
		answer(response, "clinical.cssrs.q2ActiveThoughts", new Coding("http://loinc.org", "LA32-8", "No"));

		JsonNode cssrs = Referrals.read(response).body().get("clinical").get("cssrs");

		assertThat(cssrs.get("q1WishDead").asBoolean()).isTrue();
		assertThat(cssrs.get("q2ActiveThoughts").asBoolean()).isFalse();
	}

	@Test
	void aQuestionAnsweredTwiceIsNamedAndARepeatingOneAnsweredItemByItemIsOneList() {
		QuestionnaireResponse twice = completed();
		answer(twice, "clinical.cssrs.q4Intent", new BooleanType(true));
		answer(twice, "clinical.cssrs.q4Intent", new BooleanType(false));
		// and an item that names no field
		twice.addItem().addAnswer().setValue(new BooleanType(true));

		assertThat(Referrals.read(twice).problems()).containsOnlyKeys("clinical.cssrs.q4Intent", "item");

		QuestionnaireResponse itemByItem = completed();
		for (int item : new int[] { 1, 2, 3, 0, 1, 2, 3, 0, 2 }) {
			answer(itemByItem, "clinical.phq9Items", new IntegerType(item));
		}
		assertThat(Referrals.read(itemByItem)
			.body()
			.get("clinical")
			.get("phq9Items")
			.valueStream()
			.map(JsonNode::asInt)
			.toList()).as("nine items of one answer each, in order").containsExactly(1, 2, 3, 0, 1, 2, 3, 0, 2);
	}

	private static QuestionnaireResponse completed() {
		return new QuestionnaireResponse().setQuestionnaire(IntakeQuestionnaire.URL)
			.setStatus(QuestionnaireResponseStatus.COMPLETED);
	}

	private static QuestionnaireResponseItemComponent group(QuestionnaireResponse response, String linkId) {
		return response.addItem().setLinkId(linkId);
	}

	/** Answers a question of a group. */
	private static void answer(QuestionnaireResponseItemComponent group, String linkId, Type value) {
		group.addItem().setLinkId(linkId).addAnswer().setValue(value);
	}

	/** Answers a question at the top of the response, beside the groups. */
	private static void answer(QuestionnaireResponse response, String linkId, Type value) {
		response.addItem().setLinkId(linkId).addAnswer().setValue(value);
	}

}
