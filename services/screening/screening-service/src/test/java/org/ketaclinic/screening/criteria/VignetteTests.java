package org.ketaclinic.screening.criteria;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.ketaclinic.screening.Sections;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * The ten worked vignettes of the criteria give exactly their expected outcome and rule
 * set.
 */
class VignetteTests {

	private final SuitabilityCriteria criteria = new SuitabilityCriteria(Criteria.defaults());

	static Stream<Arguments> vignettes() {
		return Sections.vignettes().stream().map((vignette) -> arguments(vignette.get("id").asString(), vignette));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("vignettes")
	void givesTheExpectedOutcomeAndExactlyTheExpectedRules(String id, JsonNode vignette) {
		Evaluation evaluation = this.criteria.evaluate(Sections.of(vignette.get("input")));

		List<String> expected = new ArrayList<>();
		vignette.get("expectedRuleIds").forEach((ruleId) -> expected.add(ruleId.asString()));
		assertThat(evaluation.outcome().name()).isEqualTo(vignette.get("expectedOutcome").asString());
		assertThat(evaluation.ruleIds()).containsExactlyElementsOf(expected);
		assertThat(evaluation.findings()).allSatisfy((finding) -> {
			assertThat(finding.rationale()).isNotBlank();
			assertThat(finding.source()).isNotBlank();
			assertThat(finding.inputs()).isNotEmpty();
		});
	}

}
