package org.ketaclinic.screening.criteria;

import java.util.List;
import java.util.Optional;

import org.ketaclinic.screening.criteria.ScreeningInput.CardiovascularStatus;
import org.ketaclinic.screening.criteria.ScreeningInput.CognitiveStatus;
import org.ketaclinic.screening.criteria.ScreeningInput.HepaticImpairment;
import org.ketaclinic.screening.criteria.ScreeningInput.KetaminePcpUse;
import org.ketaclinic.screening.criteria.ScreeningInput.PregnancyStatus;
import org.ketaclinic.screening.criteria.ScreeningInput.SubstanceUseDisorderStatus;

/**
 * The HARD_EXCLUSION rules of clinical-criteria.md §2.1 (outcome NOT_SUITABLE, pending
 * confirmation).
 */
final class HardExclusions {

	private static final Category EXCLUSION = Category.HARD_EXCLUSION;

	private HardExclusions() {
	}

	static List<Rule> all(Criteria criteria) {
		return List.of(new UnderMinimumAge(criteria), new AneurysmOrArteriovenousMalformation(),
				new IntracerebralHaemorrhage(), new KetamineHypersensitivity(), new UncontrolledHypertension(criteria),
				new Pregnancy(criteria), new CurrentPsychoticSymptoms(), new PrimaryPsychoticDisorder(criteria),
				new CurrentManiaOrHypomania(), new RecentKetamineOrPcpMisuse(),
				new ActiveSubstanceUseDisorder(criteria), new Dementia(), new NoCapacityToConsent(),
				new UnstableCardiovascularDisease(), new RaisedIntracranialPressure(), new SevereHepaticImpairment());
	}

	/** SCR-EXC-01. */
	static final class UnderMinimumAge extends BaseRule {

		private final int min;

		UnderMinimumAge(Criteria criteria) {
			super("SCR-EXC-01", EXCLUSION,
					"Esketamine is not approved in paediatric patients; the IV ketamine depression evidence is in adults.",
					"Spravato PI 2019- [R4]; CRTCE clinic policy [R34]; age.min = " + criteria.age().min());
			this.min = criteria.age().min();
		}

		@Override
		public Optional<Finding> evaluate(ScreeningInput c) {
			return (c.ageYears() != null && c.ageYears() < this.min) ? fire(inputs("ageYears", c.ageYears()))
					: Optional.empty();
		}

	}

	/** SCR-EXC-02. */
	static final class AneurysmOrArteriovenousMalformation extends BaseRule {

		AneurysmOrArteriovenousMalformation() {
			super("SCR-EXC-02", EXCLUSION, "A blood-pressure surge could rupture an aneurysm or AVM.",
					"Spravato PI contraindication [R4][R5]");
		}

		@Override
		public Optional<Finding> evaluate(ScreeningInput c) {
			return (yes(c.aneurysmalVascularDisease()) || yes(c.arteriovenousMalformation()))
					? fire(inputs("aneurysmalVascularDisease", c.aneurysmalVascularDisease(),
							"arteriovenousMalformation", c.arteriovenousMalformation()))
					: Optional.empty();
		}

	}

	/** SCR-EXC-03. */
	static final class IntracerebralHaemorrhage extends BaseRule {

		IntracerebralHaemorrhage() {
			super("SCR-EXC-03", EXCLUSION, "Same blood-pressure-surge mechanism as an aneurysm.",
					"Spravato PI contraindication [R4]");
		}

		@Override
		public Optional<Finding> evaluate(ScreeningInput c) {
			return yes(c.intracerebralHemorrhageHistory())
					? fire(inputs("intracerebralHemorrhageHistory", c.intracerebralHemorrhageHistory()))
					: Optional.empty();
		}

	}

	/** SCR-EXC-04. */
	static final class KetamineHypersensitivity extends BaseRule {

		KetamineHypersensitivity() {
			super("SCR-EXC-04", EXCLUSION, "Hypersensitivity to ketamine, esketamine or excipients.",
					"Spravato PI [R4]; Ketalar SmPC [R28]");
		}

		@Override
		public Optional<Finding> evaluate(ScreeningInput c) {
			return yes(c.ketamineHypersensitivity())
					? fire(inputs("ketamineHypersensitivity", c.ketamineHypersensitivity())) : Optional.empty();
		}

	}

	/** SCR-EXC-05. */
	static final class UncontrolledHypertension extends BaseRule {

		private final int systolicAbove;

		private final int diastolicAbove;

		UncontrolledHypertension(Criteria criteria) {
			super("SCR-EXC-05", EXCLUSION, "Uncontrolled hypertension. Defer until controlled, then re-screen.",
					"A Swiss ketamine label contraindicates uncontrolled hypertension above 180/100 mmHg at rest [R27];"
							+ " UK Ketalar SmPC [R28]. bp.exclude.systolicAbove = "
							+ criteria.bp().exclude().systolicAbove() + ", bp.exclude.diastolicAbove = "
							+ criteria.bp().exclude().diastolicAbove());
			this.systolicAbove = criteria.bp().exclude().systolicAbove();
			this.diastolicAbove = criteria.bp().exclude().diastolicAbove();
		}

		@Override
		public Optional<Finding> evaluate(ScreeningInput c) {
			boolean fires = (c.systolicBp() != null && c.systolicBp() > this.systolicAbove)
					|| (c.diastolicBp() != null && c.diastolicBp() > this.diastolicAbove);
			return fires ? fire(inputs("systolicBp", c.systolicBp(), "diastolicBp", c.diastolicBp()))
					: Optional.empty();
		}

	}

	/** SCR-EXC-06 (a review instead when {@code pregnancy.policy} is REVIEW). */
	static final class Pregnancy extends BaseRule {

		Pregnancy(Criteria criteria) {
			super("SCR-EXC-06", criteria.pregnancy().policy().category(),
					"Animal data show developmental neurotoxicity; esketamine is not recommended during pregnancy and"
							+ " trials excluded it.",
					"Spravato PI/SmPC [R4][R5][R44]; hard exclusion is a convention (pregnancy.policy = "
							+ criteria.pregnancy().policy() + ")");
		}

		@Override
		public Optional<Finding> evaluate(ScreeningInput c) {
			return (c.pregnancyStatus() == PregnancyStatus.PREGNANT)
					? fire(inputs("pregnancyStatus", c.pregnancyStatus())) : Optional.empty();
		}

	}

	/** SCR-EXC-07. */
	static final class CurrentPsychoticSymptoms extends BaseRule {

		CurrentPsychoticSymptoms() {
			super("SCR-EXC-07", EXCLUSION,
					"Dissociative and psychotomimetic effects; the label says to treat psychosis only if benefit"
							+ " outweighs risk.",
					"Spravato PI 5.2 [R4]; trial and clinic exclusions [R34]; hard exclusion is a convention");
		}

		@Override
		public Optional<Finding> evaluate(ScreeningInput c) {
			return yes(c.currentPsychoticSymptoms())
					? fire(inputs("currentPsychoticSymptoms", c.currentPsychoticSymptoms())) : Optional.empty();
		}

	}

	/**
	 * SCR-EXC-08 (a review instead when {@code psychosis.primaryDisorderPolicy} is
	 * REVIEW).
	 */
	static final class PrimaryPsychoticDisorder extends BaseRule {

		PrimaryPsychoticDisorder(Criteria criteria) {
			super("SCR-EXC-08", criteria.psychosis().primaryDisorderPolicy().category(),
					"Schizophrenia-spectrum disorders are excluded by trials and clinics.",
					"[R4][R34][R54]; convention psychosis.primaryDisorderPolicy = "
							+ criteria.psychosis().primaryDisorderPolicy());
		}

		@Override
		public Optional<Finding> evaluate(ScreeningInput c) {
			return yes(c.primaryPsychoticDisorder())
					? fire(inputs("primaryPsychoticDisorder", c.primaryPsychoticDisorder())) : Optional.empty();
		}

	}

	/** SCR-EXC-09. */
	static final class CurrentManiaOrHypomania extends BaseRule {

		CurrentManiaOrHypomania() {
			super("SCR-EXC-09", EXCLUSION, "Current mania is excluded in trials; risk of mood destabilisation.",
					"Trial exclusion criteria [R46]; convention");
		}

		@Override
		public Optional<Finding> evaluate(ScreeningInput c) {
			return yes(c.currentManiaOrHypomania())
					? fire(inputs("currentManiaOrHypomania", c.currentManiaOrHypomania())) : Optional.empty();
		}

	}

	/** SCR-EXC-10. */
	static final class RecentKetamineOrPcpMisuse extends BaseRule {

		RecentKetamineOrPcpMisuse() {
			super("SCR-EXC-10", EXCLUSION,
					"Misuse and relapse risk; esketamine is Schedule III with a boxed abuse and misuse warning.",
					"Spravato PI boxed warning [R4]; trials [R46]; window ketamine.recentWindowMonths is a convention");
		}

		@Override
		public Optional<Finding> evaluate(ScreeningInput c) {
			return (c.ketaminePcpUse() == KetaminePcpUse.RECENT_NONMEDICAL_OR_USE_DISORDER)
					? fire(inputs("ketaminePcpUse", c.ketaminePcpUse())) : Optional.empty();
		}

	}

	/** SCR-EXC-11 (a review instead when {@code sud.activePolicy} is REVIEW). */
	static final class ActiveSubstanceUseDisorder extends BaseRule {

		ActiveSubstanceUseDisorder(Criteria criteria) {
			super("SCR-EXC-11", criteria.sud().activePolicy().category(),
					"Abuse liability and safety; intoxication confounds monitoring.",
					"CRTCE excludes SUD in the past 3 months [R34]; the Spravato label asks for careful consideration"
							+ " [R4]; convention sud.activePolicy = " + criteria.sud().activePolicy());
		}

		@Override
		public Optional<Finding> evaluate(ScreeningInput c) {
			return (c.substanceUseDisorderStatus() == SubstanceUseDisorderStatus.ACTIVE)
					? fire(inputs("substanceUseDisorderStatus", c.substanceUseDisorderStatus())) : Optional.empty();
		}

	}

	/** SCR-EXC-12. */
	static final class Dementia extends BaseRule {

		Dementia() {
			super("SCR-EXC-12", EXCLUSION, "Cognitive effects, and inability to report dissociation.",
					"CRTCE excludes dementing disorders [R34]; convention");
		}

		@Override
		public Optional<Finding> evaluate(ScreeningInput c) {
			return (c.cognitiveStatus() == CognitiveStatus.DEMENTIA)
					? fire(inputs("cognitiveStatus", c.cognitiveStatus())) : Optional.empty();
		}

	}

	/** SCR-EXC-13. */
	static final class NoCapacityToConsent extends BaseRule {

		NoCapacityToConsent() {
			super("SCR-EXC-13", EXCLUSION, "Elective off-label treatment needs informed consent.",
					"CRTCE [R34]; convention (ethical requirement)");
		}

		@Override
		public Optional<Finding> evaluate(ScreeningInput c) {
			return no(c.capacityToConsent()) ? fire(inputs("capacityToConsent", c.capacityToConsent()))
					: Optional.empty();
		}

	}

	/** SCR-EXC-14. */
	static final class UnstableCardiovascularDisease extends BaseRule {

		UnstableCardiovascularDisease() {
			super("SCR-EXC-14", EXCLUSION,
					"Ketamine is sympathomimetic; severe coronary or myocardial disease and recent CVA are"
							+ " contraindicated.",
					"Ketalar SmPC [R28]; Spravato PI [R4]; the recent window cv.recentEventMonths is a convention");
		}

		@Override
		public Optional<Finding> evaluate(ScreeningInput c) {
			return (c.cardiovascularStatus() == CardiovascularStatus.UNSTABLE_OR_RECENT_EVENT)
					? fire(inputs("cardiovascularStatus", c.cardiovascularStatus())) : Optional.empty();
		}

	}

	/** SCR-EXC-15. */
	static final class RaisedIntracranialPressure extends BaseRule {

		RaisedIntracranialPressure() {
			super("SCR-EXC-15", EXCLUSION,
					"Do not give esketamine where a rise in blood pressure or intracranial pressure is a serious"
							+ " risk; ketamine raises CSF pressure.",
					"Spravato PI/SmPC [R4][R5]; ketamine injection labels [R28][R29]");
		}

		@Override
		public Optional<Finding> evaluate(ScreeningInput c) {
			return yes(c.raisedIntracranialPressureRisk())
					? fire(inputs("raisedIntracranialPressureRisk", c.raisedIntracranialPressureRisk()))
					: Optional.empty();
		}

	}

	/** SCR-EXC-16. */
	static final class SevereHepaticImpairment extends BaseRule {

		SevereHepaticImpairment() {
			super("SCR-EXC-16", EXCLUSION,
					"Severe (Child-Pugh C) hepatic impairment has not been studied; esketamine is not recommended.",
					"Spravato SmPC [R5]; extended to IV ketamine by convention");
		}

		@Override
		public Optional<Finding> evaluate(ScreeningInput c) {
			return (c.hepaticImpairment() == HepaticImpairment.SEVERE)
					? fire(inputs("hepaticImpairment", c.hepaticImpairment())) : Optional.empty();
		}

	}

}
