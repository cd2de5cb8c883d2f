package org.ketaclinic.followup.checkin;

import java.util.ArrayList;
import java.util.List;

/**
 * A patient's answers to a check-in.
 *
 * @param phq9Items the nine PHQ-9 answers (0–3 each), {@code null} for an item left blank
 * (the total is then unknown); item 9, the last, is a safety answer and required. A brief
 * check-in also takes item 9 alone
 * @param moodRating a brief mood rating, 0 (worst) to 10 (best), optional
 * @param sideEffects the side-effect questions of clinical-criteria.md §5
 * @param safety the safety questions
 */
public record Answers(List<Integer> phq9Items, Integer moodRating, SideEffects sideEffects, Safety safety) {

	/**
	 * Side effects since the last contact; a missing answer is taken as no.
	 *
	 * @param dissociation dissociation or perceptual change after discharge
	 * @param sedation sedation
	 * @param nausea nausea or vomiting
	 * @param dizziness dizziness
	 * @param headache headache
	 * @param bloodPressureSymptoms blood-pressure symptoms
	 * @param memoryOrConcentration memory or concentration complaints
	 * @param urinarySymptoms urinary frequency, urgency, pain or blood in the urine
	 * @param cravingOrNonMedicalUse craving or non-medical use
	 * @param moodElevation mood elevation or reduced need for sleep
	 */
	public record SideEffects(Boolean dissociation, Boolean sedation, Boolean nausea, Boolean dizziness,
			Boolean headache, Boolean bloodPressureSymptoms, Boolean memoryOrConcentration, Boolean urinarySymptoms,
			Boolean cravingOrNonMedicalUse, Boolean moodElevation) {

		/** The codes of the side effects answered yes. */
		public List<String> codes() {
			List<String> codes = new ArrayList<>();
			add(codes, this.dissociation, "DISSOCIATION");
			add(codes, this.sedation, "SEDATION");
			add(codes, this.nausea, "NAUSEA");
			add(codes, this.dizziness, "DIZZINESS");
			add(codes, this.headache, "HEADACHE");
			add(codes, this.bloodPressureSymptoms, "BLOOD_PRESSURE_SYMPTOMS");
			add(codes, this.memoryOrConcentration, "MEMORY_OR_CONCENTRATION");
			add(codes, this.urinarySymptoms, "URINARY_SYMPTOMS");
			add(codes, this.cravingOrNonMedicalUse, "CRAVING_OR_NON_MEDICAL_USE");
			add(codes, this.moodElevation, "MOOD_ELEVATION");
			return codes;
		}

	}

	/**
	 * Safety questions. Intent, plan and behaviour must be answered (a blank is not a
	 * no); the severe symptoms default to no.
	 *
	 * @param suicidalIntent any intention to act on thoughts of suicide
	 * @param suicidalPlan any plan
	 * @param suicidalBehaviour any attempt or preparation since the last contact
	 * @param severeHeadache a severe headache
	 * @param chestPain chest pain
	 * @param breathlessness breathlessness
	 * @param visualChange a change in vision
	 * @param confusion confusion
	 */
	public record Safety(Boolean suicidalIntent, Boolean suicidalPlan, Boolean suicidalBehaviour,
			Boolean severeHeadache, Boolean chestPain, Boolean breathlessness, Boolean visualChange,
			Boolean confusion) {

		/** The codes of the severe symptoms answered yes. */
		public List<String> severeSymptoms() {
			List<String> codes = new ArrayList<>();
			add(codes, this.severeHeadache, "SEVERE_HEADACHE");
			add(codes, this.chestPain, "CHEST_PAIN");
			add(codes, this.breathlessness, "BREATHLESSNESS");
			add(codes, this.visualChange, "VISUAL_CHANGE");
			add(codes, this.confusion, "CONFUSION");
			return codes;
		}

	}

	private static void add(List<String> codes, Boolean answer, String code) {
		if (Boolean.TRUE.equals(answer)) {
			codes.add(code);
		}
	}

}
