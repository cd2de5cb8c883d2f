package org.ketaclinic.screening.criteria;

import java.util.List;
import java.util.Optional;

import org.ketaclinic.screening.criteria.ScreeningInput.MedicationClass;
import org.ketaclinic.screening.criteria.ScreeningInput.PrimaryDiagnosis;

/**
 * The SUPPORTS_ELIGIBILITY rules and notes of clinical-criteria.md §2.4; they never
 * block.
 */
final class SupportingFindings {

	private static final Category SUPPORTS = Category.SUPPORTS_ELIGIBILITY;

	/**
	 * The note of SCR-SUP-03. The article the platform started from said lithium and
	 * valproate prolong the effect; the sources do not show that, and the platform never
	 * says so.
	 */
	static final String LITHIUM_VALPROATE_NOTE = "Compatible with treatment: ketamine was studied in patients kept on"
			+ " therapeutic lithium or valproate. Prolongation of benefit by lithium or valproate is not established.";

	private SupportingFindings() {
	}

	static List<Rule> all(Criteria criteria) {
		return List.of(new MeetsTreatmentResistanceDefinition(criteria), new ModerateOrWorseSeverity(criteria),
				new LithiumOrValproate(), new Lamotrigine(), new ConcurrentOralAntidepressant());
	}

	/** SCR-SUP-01. */
	static final class MeetsTreatmentResistanceDefinition extends BaseRule {

		private final int minFailedTrials;

		MeetsTreatmentResistanceDefinition(Criteria criteria) {
			super("SCR-SUP-01", SUPPORTS,
					"Meets the common treatment-resistant depression definition and the esketamine TRD indication.",
					"[R4][R5][R24] (trd.minFailedTrials = " + criteria.trd().minFailedTrials() + ")");
			this.minFailedTrials = criteria.trd().minFailedTrials();
		}

		@Override
		public Optional<Finding> evaluate(ScreeningInput c) {
			return (c.primaryDiagnosis() == PrimaryDiagnosis.MDD && c.failedAdequateTrialsCurrentEpisode() != null
					&& c.failedAdequateTrialsCurrentEpisode() >= this.minFailedTrials)
							? fire(inputs("primaryDiagnosis", c.primaryDiagnosis(),
									"failedAdequateTrialsCurrentEpisode", c.failedAdequateTrialsCurrentEpisode()))
							: Optional.empty();
		}

	}

	/** SCR-SUP-02, with the PHQ-9 severity band as its note. */
	static final class ModerateOrWorseSeverity extends BaseRule {

		private final int minForSupport;

		ModerateOrWorseSeverity(Criteria criteria) {
			super("SCR-SUP-02", SUPPORTS,
					"At least moderate severity; a score >=10 had 88% sensitivity and 88% specificity for major"
							+ " depression.",
					"Kroenke 2001 [R16] (phq9.minForSupport = " + criteria.phq9().minForSupport() + ")");
			this.minForSupport = criteria.phq9().minForSupport();
		}

		@Override
		public Optional<Finding> evaluate(ScreeningInput c) {
			if (c.phq9Total() == null || c.phq9Total() < this.minForSupport) {
				return Optional.empty();
			}
			return fire(inputs("phq9Total", c.phq9Total()), "PHQ-9 band: " + band(c.phq9Total()));
		}

		static String band(int total) {
			if (total >= 20) {
				return "severe (20-27)";
			}
			if (total >= 15) {
				return "moderately severe (15-19)";
			}
			if (total >= 10) {
				return "moderate (10-14)";
			}
			return (total >= 5) ? "mild (5-9)" : "minimal (0-4)";
		}

	}

	/** SCR-SUP-03 (note). */
	static final class LithiumOrValproate extends BaseRule {

		LithiumOrValproate() {
			super("SCR-SUP-03", SUPPORTS, LITHIUM_VALPROATE_NOTE, "[R10][R11][R12]");
		}

		@Override
		public Optional<Finding> evaluate(ScreeningInput c) {
			return (c.medicationClasses() != null && (c.medicationClasses().contains(MedicationClass.LITHIUM)
					|| c.medicationClasses().contains(MedicationClass.VALPROATE)))
							? fire(inputs("medicationClasses", c.medicationClasses()), LITHIUM_VALPROATE_NOTE)
							: Optional.empty();
		}

	}

	/** SCR-SUP-04 (note). */
	static final class Lamotrigine extends BaseRule {

		Lamotrigine() {
			super("SCR-SUP-04", SUPPORTS,
					"Not an exclusion. Lamotrigine may reduce ketamine's adverse effects, but its effect on"
							+ " antidepressant response is unknown; a naturalistic esketamine cohort found no significant"
							+ " effect. The clinician decides whether to adjust.",
					"[R15][R50] (weak evidence)");
		}

		@Override
		public Optional<Finding> evaluate(ScreeningInput c) {
			return (c.medicationClasses() != null && c.medicationClasses().contains(MedicationClass.LAMOTRIGINE))
					? fire(inputs("medicationClasses", c.medicationClasses())) : Optional.empty();
		}

	}

	/** SCR-SUP-05 (note). */
	static final class ConcurrentOralAntidepressant extends BaseRule {

		ConcurrentOralAntidepressant() {
			super("SCR-SUP-05", SUPPORTS,
					"Concurrent oral antidepressant. In the EU, esketamine for TRD is indicated together with an SSRI or"
							+ " SNRI; the US label has allowed monotherapy since January 2025; IV ketamine trials were"
							+ " mostly add-on.",
					"[R5][R43]");
		}

		@Override
		public Optional<Finding> evaluate(ScreeningInput c) {
			return (c.medicationClasses() != null && (c.medicationClasses().contains(MedicationClass.SSRI)
					|| c.medicationClasses().contains(MedicationClass.SNRI)))
							? fire(inputs("medicationClasses", c.medicationClasses())) : Optional.empty();
		}

	}

}
