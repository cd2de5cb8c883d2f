package org.ketaclinic.interop.fhir;

import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Questionnaire;
import org.hl7.fhir.r4.model.Questionnaire.QuestionnaireItemType;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The validator the service's resources must pass does find what is wrong. */
class FhirValidationTests {

	@Test
	void aResourceWithoutARequiredElementIsNamedInvalid() {
		Questionnaire withoutStatus = IntakeQuestionnaire.questionnaire();
		withoutStatus.setStatus(null);

		assertThat(FhirValidation.errors(withoutStatus)).anySatisfy((error) -> assertThat(error).contains("status"));
	}

	@Test
	void anItemWithoutItsLinkIdIsInvalid() {
		Questionnaire form = IntakeQuestionnaire.questionnaire();
		form.addItem().setText("Which answer is this?").setType(QuestionnaireItemType.STRING);

		assertThat(FhirValidation.errors(form)).anySatisfy((error) -> assertThat(error).contains("linkId"));
	}

	@Test
	void anObservationWithoutItsCodeIsInvalid() {
		Observation observation = new Observation();
		observation.setStatus(Observation.ObservationStatus.FINAL);

		assertThat(FhirValidation.errors(observation)).anySatisfy((error) -> assertThat(error).contains("code"));
	}

}
