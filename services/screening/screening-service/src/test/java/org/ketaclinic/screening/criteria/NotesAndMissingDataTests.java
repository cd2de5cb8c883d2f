package org.ketaclinic.screening.criteria;

import org.ketaclinic.screening.events.Outcome;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.Test;
import org.ketaclinic.screening.Sections;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;

class NotesAndMissingDataTests {

	private final SuitabilityCriteria criteria = new SuitabilityCriteria(Criteria.defaults());

	@Test
	void theLithiumAndValproateNoteSaysProlongationIsNotEstablished() {
		Evaluation evaluation = this.criteria.evaluate(
				Sections.with((c) -> c.putArray("medicationClasses").add("SSRI").add("LITHIUM").add("VALPROATE")));
		Finding note = evaluation.findings()
			.stream()
			.filter((finding) -> finding.ruleId().equals("SCR-SUP-03"))
			.findFirst()
			.orElseThrow();
		assertThat(note.category()).isEqualTo(Category.SUPPORTS_ELIGIBILITY);
		assertThat(note.note()).contains("not established");
		assertThat(note.rationale()).contains("not established");
	}

	@Test
	void nothingInScreeningPresentsLithiumOrValproateAsExtendingTheEffect() {
		Evaluation evaluation = this.criteria.evaluate(Sections.with((c) -> c.putArray("medicationClasses")
			.add("LITHIUM")
			.add("VALPROATE")
			.add("BENZODIAZEPINE")
			.add("LAMOTRIGINE")));
		for (Finding finding : evaluation.findings()) {
			for (String text : new String[] { finding.rationale(), finding.note() }) {
				if (text == null) {
					continue;
				}
				String lower = text.toLowerCase(Locale.ROOT);
				if (lower.contains("lithium") || lower.contains("valproate")) {
					assertThat(lower).as(finding.ruleId()).contains("not established");
				}
				assertThat(lower).as(finding.ruleId())
					.doesNotContainPattern("(prolong|extend)s? (the )?(effect|benefit)");
			}
		}
	}

	@Test
	void missingDataNamesEachMissingAnswerButNotTheSkipLogicGaps() {
		Evaluation complete = this.criteria.evaluate(Sections.aTreatmentResistantAdult());
		assertThat(complete.ruleIds()).doesNotContain("SCR-REV-28");

		Evaluation gaps = this.criteria.evaluate(Sections.with((c) -> {
			c.remove("heartRate");
			c.putNull("capacityToConsent");
			((ObjectNode) c.get("cssrs")).put("q2ActiveThoughts", true);
		}));
		Finding missing = gaps.findings()
			.stream()
			.filter((finding) -> finding.ruleId().equals("SCR-REV-28"))
			.findFirst()
			.orElseThrow();
		assertThat(missing.inputs().get("missingFields")).isEqualTo(List.of("heartRate", "capacityToConsent",
				"cssrs.q3Method", "cssrs.q4Intent", "cssrs.q5PlanWithIntent"));
		assertThat(gaps.outcome()).isEqualTo(Outcome.NEEDS_CLINICIAN_REVIEW);
	}

	@Test
	void aMissingCssrsIsMissingDataAndWithAPositiveItem9AnUrgentReview() {
		Evaluation noCssrs = this.criteria.evaluate(Sections.with((c) -> c.putNull("cssrs")));
		assertThat(noCssrs.ruleIds()).contains("SCR-REV-28").doesNotContain("SCR-URG-04");
		Evaluation unassessed = this.criteria.evaluate(Sections.with((c) -> c.putNull("cssrs").put("phq9Item9", 1)));
		assertThat(unassessed.ruleIds()).contains("SCR-REV-28", "SCR-URG-04", "SCR-REV-24");
		assertThat(unassessed.outcome()).isEqualTo(Outcome.URGENT_SAME_DAY_REVIEW);
	}

	@Test
	void everyRuleOfTheCriteriaIsThere() {
		List<String> ids = this.criteria.ruleIds();
		assertThat(ids).hasSize(16 + 5 + 28 + 5);
		assertThat(ids).contains("SCR-EXC-01", "SCR-EXC-16", "SCR-URG-01", "SCR-URG-05", "SCR-REV-01", "SCR-REV-28",
				"SCR-SUP-01", "SCR-SUP-05");
		assertThat(ids).doesNotHaveDuplicates();
	}

}
