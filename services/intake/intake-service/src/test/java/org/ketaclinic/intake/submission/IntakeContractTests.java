package org.ketaclinic.intake.submission;

import java.lang.reflect.RecordComponent;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.ketaclinic.intake.events.ClinicalSection;
import org.ketaclinic.platform.events.EventJson;
import org.ketaclinic.platform.test.RandomRecords;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The answers intake keeps reach its published contract field for field: each answer
 * lands under the same name, whatever the values, and the contract names every answer.
 */
class IntakeContractTests {

	@Test
	void everyAnswerLandsInItsOwnPlaceWithRandomAnswers() {
		Random random = new Random(20);
		for (int run = 0; run < 200; run++) {
			JsonNode answers = EventJson.mapper().valueToTree(RandomRecords.of(ClinicalAnswers.class, random));
			ClinicalAnswers kept = EventJson.mapper().treeToValue(answers, ClinicalAnswers.class);
			assertThat(IntakeContract.clinicalSection(kept)).as(answers.toString())
				.isEqualTo(EventJson.mapper().treeToValue(answers, ClinicalSection.class));
		}
	}

	@Test
	void theContractCarriesEveryAnswerIntakeKeeps() {
		assertThat(names(ClinicalSection.class.getRecordComponents()))
			.containsExactlyElementsOf(names(ClinicalAnswers.class.getRecordComponents()));
	}

	@Test
	void noAnswersIsNoSection() {
		assertThat(IntakeContract.clinicalSection(null)).isNull();
	}

	private static List<String> names(RecordComponent[] components) {
		return java.util.Arrays.stream(components).map(RecordComponent::getName).toList();
	}

}
