package org.ketaclinic.interop.fhir;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Questionnaire;
import org.hl7.fhir.r4.model.Questionnaire.QuestionnaireItemComponent;
import org.hl7.fhir.r4.model.Questionnaire.QuestionnaireItemType;
import org.junit.jupiter.api.Test;
import org.ketaclinic.intake.events.ClinicalSection;

import static org.assertj.core.api.Assertions.assertThat;

/** The intake form a referring system fills in, as FHIR publishes it. */
class IntakeQuestionnaireTests {

	private final Questionnaire form = Fhir.read(Questionnaire.class, Fhir.json(IntakeQuestionnaire.questionnaire()));

	private final Map<String, QuestionnaireItemComponent> items = all(this.form.getItem()).stream()
		.collect(Collectors.toMap(QuestionnaireItemComponent::getLinkId, Function.identity()));

	@Test
	void theFormIsAValidR4Questionnaire() {
		assertThat(FhirValidation.errors(IntakeQuestionnaire.questionnaire())).isEmpty();
		assertThat(this.form.getIdElement().getIdPart()).isEqualTo("ketaclinic-intake");
		assertThat(this.form.getUrl()).isEqualTo(IntakeQuestionnaire.URL);
	}

	@Test
	void everyFieldOfThePublishedClinicalSectionIsAnItemNamedByItsPath() {
		List<String> expected = new ArrayList<>();
		Arrays.stream(ClinicalSection.class.getRecordComponents())
			.forEach((component) -> expected.add("clinical." + component.getName()));
		Arrays.stream(ClinicalSection.Cssrs.class.getRecordComponents())
			.forEach((component) -> expected.add("clinical.cssrs." + component.getName()));

		assertThat(this.items.keySet()).containsAll(expected);
		assertThat(this.items.keySet()).filteredOn((linkId) -> linkId.startsWith("clinical."))
			.containsExactlyInAnyOrderElementsOf(expected);
	}

	@Test
	void theIdentityContactAndConsentItemsAreTheIntakeBodysFieldPaths() {
		assertThat(this.items.keySet()).contains("patient.givenName", "patient.familyName", "patient.dateOfBirth",
				"contact.phone", "contact.email", "contact.preferredChannel", "contact.timeZone", "consents.treatment",
				"consents.sms", "consents.email", "consents.textVersion", "clinicId");
		assertThat(this.items.get("patient.dateOfBirth").getType()).isEqualTo(QuestionnaireItemType.DATE);
		assertThat(this.items.get("patient.givenName").getRequired()).isTrue();
		assertThat(this.items.get("patient").getRequired()).as("a new patient's referral names them").isTrue();
		assertThat(this.items.get("contact").getRequired()).isTrue();
		assertThat(this.items.get("consents").getRequired()).isTrue();
		assertThat(this.items.get("contact.phone").getRequired()).as("an email is enough").isFalse();
		assertThat(codes(this.items.get("contact.preferredChannel"))).containsExactly("SMS", "EMAIL");
	}

	@Test
	void answersAreTypedAsTheBodyTakesThemAndCodedAnswersOfferEveryCode() {
		assertThat(this.items.get("clinical.systolicBp").getType()).isEqualTo(QuestionnaireItemType.INTEGER);
		assertThat(this.items.get("clinical.cssrs.q1WishDead").getType()).isEqualTo(QuestionnaireItemType.BOOLEAN);
		assertThat(this.items.get("clinical.cssrs").getType()).isEqualTo(QuestionnaireItemType.GROUP);
		assertThat(this.items.get("clinical.benzodiazepineDiazepamEqMgPerDay").getType())
			.isIn(QuestionnaireItemType.DECIMAL, QuestionnaireItemType.INTEGER);
		assertThat(codes(this.items.get("clinical.pregnancyStatus"))).containsExactlyElementsOf(
				Arrays.stream(ClinicalSection.PregnancyStatus.values()).map(Enum::name).toList());
		QuestionnaireItemComponent medications = this.items.get("clinical.medicationClasses");
		assertThat(medications.getRepeats()).as("one answer per element of the list").isTrue();
		assertThat(codes(medications)).containsExactlyElementsOf(
				Arrays.stream(ClinicalSection.MedicationClass.values()).map(Enum::name).toList());
	}

	@Test
	void thePhq9ItemsAreOneRepeatingItemCodedWithTheirLoincPanel() {
		QuestionnaireItemComponent phq9 = this.items.get("clinical.phq9Items");
		assertThat(phq9.getType()).isEqualTo(QuestionnaireItemType.INTEGER);
		assertThat(phq9.getRepeats()).isTrue();
		assertThat(phq9.getCode()).extracting(Coding::getSystem, Coding::getCode)
			.containsExactly(org.assertj.core.groups.Tuple.tuple("http://loinc.org", "44249-1"));
		assertThat(this.items.get("clinical.phq9Total").getCodeFirstRep().getCode()).isEqualTo("44261-6");
	}

	@Test
	void everyLinkIdIsUnique() {
		List<String> linkIds = all(this.form.getItem()).stream().map(QuestionnaireItemComponent::getLinkId).toList();
		assertThat(new HashSet<>(linkIds)).hasSameSizeAs(linkIds);
	}

	private static List<String> codes(QuestionnaireItemComponent item) {
		return item.getAnswerOption().stream().map((option) -> option.getValueCoding().getCode()).toList();
	}

	private static List<QuestionnaireItemComponent> all(List<QuestionnaireItemComponent> items) {
		List<QuestionnaireItemComponent> all = new ArrayList<>();
		for (QuestionnaireItemComponent item : items) {
			all.add(item);
			all.addAll(all(item.getItem()));
		}
		return all;
	}

}
