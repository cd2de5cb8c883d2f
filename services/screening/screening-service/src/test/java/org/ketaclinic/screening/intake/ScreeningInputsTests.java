package org.ketaclinic.screening.intake;

import java.util.Random;

import org.junit.jupiter.api.Test;
import org.ketaclinic.intake.events.ClinicalSection;
import org.ketaclinic.platform.events.EventJson;
import org.ketaclinic.platform.test.RandomRecords;
import org.ketaclinic.screening.Sections;
import org.ketaclinic.screening.criteria.ScreeningInput;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Intake's clinical section reaches the rules field for field: each answer lands in the
 * input of the same name, whatever the values.
 */
class ScreeningInputsTests {

	@Test
	void everyVignetteMapsOntoTheInputOfTheSameAnswers() {
		for (JsonNode vignette : Sections.vignettes()) {
			JsonNode input = vignette.get("input");
			assertThat(ScreeningInputs.from(Sections.clinical(input))).as(vignette.get("id").asString())
				.isEqualTo(Sections.of(input));
		}
	}

	@Test
	void everyFieldLandsInItsOwnPlaceWithRandomAnswers() {
		Random random = new Random(20);
		for (int run = 0; run < 200; run++) {
			JsonNode answers = EventJson.mapper().valueToTree(RandomRecords.of(ClinicalSection.class, random));
			ClinicalSection clinical = EventJson.mapper().treeToValue(answers, ClinicalSection.class);
			assertThat(ScreeningInputs.from(clinical)).as(answers.toString())
				.isEqualTo(EventJson.mapper().treeToValue(answers, ScreeningInput.class));
		}
	}

	@Test
	void noClinicalSectionIsNoInput() {
		assertThat(ScreeningInputs.from(null)).isNull();
	}

}
