package org.ketaclinic.interop.fhir;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;

import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Enumerations.PublicationStatus;
import org.hl7.fhir.r4.model.Questionnaire;
import org.hl7.fhir.r4.model.Questionnaire.QuestionnaireItemComponent;
import org.hl7.fhir.r4.model.Questionnaire.QuestionnaireItemType;
import org.ketaclinic.intake.events.ClinicalSection;
import org.ketaclinic.intake.events.PatientContactChanged;

/**
 * The intake form as a FHIR {@code Questionnaire}
 * ({@code Questionnaire/ketaclinic-intake}, api.md "Interoperability: FHIR R4"): what a
 * referring clinician's system fills in to refer a patient. Each item's {@code linkId} is
 * the intake body's field path verbatim ({@code patient.givenName},
 * {@code clinical.cssrs.q1WishDead}), so a completed response maps onto
 * {@code POST /api/intake/submissions} without a table in between.
 * <p>
 * The clinical items are the published contract's clinical section
 * ({@link ClinicalSection}), field for field, with their types and codes: a field added
 * to the contract appears in the form with the next build, and a test keeps the two
 * equal.
 */
public final class IntakeQuestionnaire {

	/** The form's id. */
	public static final String ID = "ketaclinic-intake";

	/** The form's canonical URL, which a response names in {@code questionnaire}. */
	public static final String URL = "https://ketaclinic.org/fhir/Questionnaire/" + ID;

	/** Where the platform's own code systems live: one per coded answer. */
	public static final String CODE_SYSTEMS = "https://ketaclinic.org/fhir/CodeSystem/";

	static final String LOINC = "http://loinc.org";

	private IntakeQuestionnaire() {
	}

	/** The form. */
	public static Questionnaire questionnaire() {
		Questionnaire form = new Questionnaire();
		form.setId(ID);
		form.setUrl(URL);
		form.setVersion("1");
		form.setName("KetaClinicIntake");
		form.setTitle("KetaClinic referral and intake");
		form.setStatus(PublicationStatus.ACTIVE);
		form.addSubjectType("Patient");
		form.setDescription("A referral to a ketamine-therapy clinic: the patient, their contact details and"
				+ " consents, and the clinical history the clinic screens for suitability. Each linkId is the"
				+ " field path of the intake API's body.");

		QuestionnaireItemComponent patient = group(form.addItem(), "patient", "Patient");
		// a new patient's referral needs it (intake refuses one without)
		required(patient);
		required(item(patient, "patient.givenName", "Given name", QuestionnaireItemType.STRING));
		required(item(patient, "patient.familyName", "Family name", QuestionnaireItemType.STRING));
		required(item(patient, "patient.dateOfBirth", "Date of birth", QuestionnaireItemType.DATE));

		QuestionnaireItemComponent contact = group(form.addItem(), "contact", "Contact details");
		// a new patient's referral needs it (intake refuses one without)
		required(contact);
		item(contact, "contact.phone", "Mobile phone, international form (+15551234567)", QuestionnaireItemType.STRING);
		item(contact, "contact.email", "Email address", QuestionnaireItemType.STRING);
		required(choice(contact, "contact.preferredChannel", "Preferred channel", PatientContactChanged.Channel.class));
		required(item(contact, "contact.timeZone", "Time zone (IANA, e.g. America/New_York)",
				QuestionnaireItemType.STRING));

		QuestionnaireItemComponent consents = group(form.addItem(), "consents", "Consents");
		// a new patient's referral needs it (intake refuses one without)
		required(consents);
		required(item(consents, "consents.treatment", "Consents to assessment and treatment",
				QuestionnaireItemType.BOOLEAN));
		required(item(consents, "consents.sms", "Consents to text messages", QuestionnaireItemType.BOOLEAN));
		required(item(consents, "consents.email", "Consents to email", QuestionnaireItemType.BOOLEAN));
		required(item(consents, "consents.textVersion", "Version of the consent text agreed to",
				QuestionnaireItemType.STRING));

		QuestionnaireItemComponent clinical = group(form.addItem(), "clinical", "Clinical history");
		record(clinical, "clinical", ClinicalSection.class);
		coded(clinical, "clinical.phq9Items", "44249-1", "PHQ-9 quick depression assessment panel");
		coded(clinical, "clinical.phq9Total", "44261-6", "Patient Health Questionnaire 9 item (PHQ-9) total score");

		item(form, "clinicId", "Clinic referred to (when the referrer works with several)",
				QuestionnaireItemType.STRING);
		return form;
	}

	private static void record(QuestionnaireItemComponent group, String path, Class<?> record) {
		for (RecordComponent component : record.getRecordComponents()) {
			String linkId = path + "." + component.getName();
			String text = words(component.getName());
			Class<?> type = component.getType();
			if (type.isRecord()) {
				record(group(group.addItem(), linkId, text), linkId, type);
			}
			else if (type == List.class) {
				Class<?> element = element(component.getGenericType());
				QuestionnaireItemComponent item = element.isEnum() ? choice(group, linkId, text, element)
						: item(group, linkId, text, typeOf(element));
				item.setRepeats(true);
			}
			else if (type.isEnum()) {
				choice(group, linkId, text, type);
			}
			else {
				item(group, linkId, text, typeOf(type));
			}
		}
	}

	private static void coded(QuestionnaireItemComponent group, String linkId, String code, String display) {
		for (QuestionnaireItemComponent item : group.getItem()) {
			if (item.getLinkId().equals(linkId)) {
				item.addCode(new Coding(LOINC, code, display));
			}
		}
	}

	private static QuestionnaireItemType typeOf(Class<?> type) {
		if (type == Boolean.class || type == boolean.class) {
			return QuestionnaireItemType.BOOLEAN;
		}
		if (type == Integer.class || type == int.class) {
			return QuestionnaireItemType.INTEGER;
		}
		if (type == Double.class || type == double.class || type == BigDecimal.class) {
			return QuestionnaireItemType.DECIMAL;
		}
		if (type == String.class) {
			return QuestionnaireItemType.STRING;
		}
		throw new IllegalStateException("no questionnaire item type for " + type.getName());
	}

	private static Class<?> element(Type list) {
		Type argument = ((ParameterizedType) list).getActualTypeArguments()[0];
		return (Class<?>) argument;
	}

	private static QuestionnaireItemComponent group(QuestionnaireItemComponent item, String linkId, String text) {
		return item.setLinkId(linkId).setText(text).setType(QuestionnaireItemType.GROUP);
	}

	private static QuestionnaireItemComponent item(QuestionnaireItemComponent group, String linkId, String text,
			QuestionnaireItemType type) {
		return group.addItem().setLinkId(linkId).setText(text).setType(type);
	}

	private static QuestionnaireItemComponent item(Questionnaire form, String linkId, String text,
			QuestionnaireItemType type) {
		return form.addItem().setLinkId(linkId).setText(text).setType(type);
	}

	private static QuestionnaireItemComponent choice(QuestionnaireItemComponent group, String linkId, String text,
			Class<?> codes) {
		QuestionnaireItemComponent item = item(group, linkId, text, QuestionnaireItemType.CHOICE);
		String system = CODE_SYSTEMS + kebab(codes.getSimpleName());
		for (Object code : codes.getEnumConstants()) {
			String name = ((Enum<?>) code).name();
			item.addAnswerOption().setValue(new Coding(system, name, words(name)));
		}
		return item;
	}

	private static QuestionnaireItemComponent required(QuestionnaireItemComponent item) {
		return item.setRequired(true);
	}

	/** {@code systolicBp} → "Systolic bp", {@code NOT_PREGNANT} → "Not pregnant". */
	static String words(String name) {
		String spaced = name.contains("_") ? name.replace('_', ' ').toLowerCase(Locale.ROOT)
				: name.replaceAll("([a-z0-9])([A-Z])", "$1 $2").toLowerCase(Locale.ROOT);
		return Character.toUpperCase(spaced.charAt(0)) + spaced.substring(1);
	}

	private static String kebab(String name) {
		return name.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
	}

}
