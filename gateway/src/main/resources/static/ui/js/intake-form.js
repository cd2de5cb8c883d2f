// The intake form: demographics, contact and consent, the clinical section of
// clinical-criteria.md §1 with PHQ-9 items and the C-SSRS screener, checked as it is filled in.
import { html, raw, clinicChoice, chosenClinic } from "./ui.js";

const yesNo = (name, label) => ({ name, label, type: "bool" });
const choice = (name, label, options) => ({ name, label, type: "enum", options });
const number = (name, label, min, max) => ({ name, label, type: "number", min, max });

export const CLINICAL = [
  number("ageYears", "Age (years)", 0, 120),
  choice("pregnancyStatus", "Pregnancy", ["NOT_PREGNANT", "PREGNANT", "UNKNOWN", "NOT_APPLICABLE"]),
  yesNo("breastfeeding", "Breastfeeding"),
  choice("primaryDiagnosis", "Primary diagnosis", ["MDD", "BIPOLAR_DEPRESSION", "PTSD", "ANXIETY_DISORDER", "OCD", "SUBSTANCE_USE_DISORDER", "OTHER"]),
  number("failedAdequateTrialsCurrentEpisode", "Failed adequate trials (current episode)", 0, 30),
  number("systolicBp", "Systolic BP (mmHg)", 50, 350),
  number("diastolicBp", "Diastolic BP (mmHg)", 20, 250),
  number("heartRate", "Heart rate (bpm)", 20, 250),
  yesNo("aneurysmalVascularDisease", "Aneurysmal vascular disease"),
  yesNo("arteriovenousMalformation", "Arteriovenous malformation"),
  yesNo("intracerebralHemorrhageHistory", "History of intracerebral haemorrhage"),
  yesNo("ketamineHypersensitivity", "Hypersensitivity to ketamine"),
  choice("cardiovascularStatus", "Cardiovascular status", ["NONE", "STABLE", "UNSTABLE_OR_RECENT_EVENT"]),
  yesNo("hypertensiveEncephalopathyHistory", "History of hypertensive encephalopathy"),
  yesNo("raisedIntracranialPressureRisk", "Risk of raised intracranial pressure"),
  yesNo("glaucomaOrRaisedIntraocularPressure", "Glaucoma or raised intraocular pressure"),
  choice("hepaticImpairment", "Hepatic impairment", ["NONE", "MILD", "MODERATE", "SEVERE"]),
  yesNo("significantRespiratoryDiseaseOrOSA", "Significant respiratory disease or OSA"),
  yesNo("urinaryTractOrCystitisHistory", "Urinary tract problems or cystitis"),
  yesNo("currentPsychoticSymptoms", "Current psychotic symptoms"),
  yesNo("primaryPsychoticDisorder", "Primary psychotic disorder"),
  yesNo("pastPsychoticSymptoms", "Past psychotic symptoms"),
  yesNo("currentManiaOrHypomania", "Current mania or hypomania"),
  choice("substanceUseDisorderStatus", "Substance use disorder", ["NONE", "IN_REMISSION", "ACTIVE"]),
  choice("ketaminePcpUse", "Ketamine or PCP use", ["NONE", "REMOTE_NONMEDICAL", "RECENT_NONMEDICAL_OR_USE_DISORDER"]),
  choice("cognitiveStatus", "Cognitive status", ["NORMAL", "MILD_IMPAIRMENT", "DEMENTIA"]),
  yesNo("capacityToConsent", "Capacity to consent"),
  number("benzodiazepineDiazepamEqMgPerDay", "Benzodiazepine, diazepam-equivalent mg/day", 0, 500),
];

export const MEDICATIONS = ["SSRI", "SNRI", "OTHER_ANTIDEPRESSANT", "MAOI", "PSYCHOSTIMULANT", "BENZODIAZEPINE", "OPIOID",
  "OTHER_CNS_DEPRESSANT", "LAMOTRIGINE", "LITHIUM", "VALPROATE", "ANTIPSYCHOTIC", "OTHER"];

const PHQ9 = ["Little interest or pleasure in doing things", "Feeling down, depressed, or hopeless",
  "Trouble falling or staying asleep, or sleeping too much", "Feeling tired or having little energy",
  "Poor appetite or overeating", "Feeling bad about yourself, or that you are a failure",
  "Trouble concentrating on things", "Moving or speaking slowly, or being fidgety or restless",
  "Thoughts that you would be better off dead, or of hurting yourself"];

const CSSRS = [["q1WishDead", "1. Wished you were dead or could go to sleep and not wake up?"],
  ["q2ActiveThoughts", "2. Had any actual thoughts of killing yourself?"],
  ["q3Method", "3. Thought about how you might do this?"],
  ["q4Intent", "4. Had these thoughts and some intention of acting on them?"],
  ["q5PlanWithIntent", "5. Started to work out the details of how to kill yourself, and intend to carry it out?"],
  ["q6BehaviorLifetime", "6. Ever done anything, started to, or prepared to end your life?"],
  ["q6BehaviorPast3Months", "6b. If yes: within the past 3 months?"]];

const words = (code) => code.toLowerCase().replace(/_/g, " ");

function control(f) {
  const id = "c-" + f.name;
  if (f.type === "bool") {
    return html`<label for="${id}"><span>${f.label}</span><select id="${id}" name="clinical.${f.name}">
      <option value="">not answered</option><option value="false">No</option><option value="true">Yes</option></select></label>`;
  }
  if (f.type === "enum") {
    return html`<label for="${id}"><span>${f.label}</span><select id="${id}" name="clinical.${f.name}">
      <option value="">not answered</option>${raw(f.options.map((o) => html`<option value="${o}">${words(o)}</option>`).join(""))}</select></label>`;
  }
  return html`<label for="${id}"><span>${f.label}</span><input id="${id}" name="clinical.${f.name}" type="number"
    inputmode="numeric" min="${f.min}" max="${f.max}"></label>`;
}

/** Draws the form; a user of several clinics (their /me clinics) also chooses the clinic that takes the referral. */
export function render(form, clinics) {
  const choice = clinicChoice(clinics, "intake-clinic");
  form.innerHTML = html`${raw(choice ? html`<fieldset><legend>Referred to</legend><div class="grid">${raw(choice)}</div></fieldset>` : "")}
    <fieldset><legend>Patient</legend><div class="grid">
      <label><span>Given name</span><input name="patient.givenName" required autocomplete="off"></label>
      <label><span>Family name</span><input name="patient.familyName" required autocomplete="off"></label>
      <label><span>Date of birth</span><input name="patient.dateOfBirth" type="date" required></label></div></fieldset>
    <fieldset><legend>Contact</legend><div class="grid">
      <label><span>Mobile (E.164, e.g. +15551234567)</span><input name="contact.phone" type="tel" pattern="\\+[1-9][0-9]{6,14}"></label>
      <label><span>Email</span><input name="contact.email" type="email"></label>
      <label><span>Preferred channel</span><select name="contact.preferredChannel"><option>SMS</option><option>EMAIL</option></select></label>
      <label><span>Time zone</span><input name="contact.timeZone" value="${Intl.DateTimeFormat().resolvedOptions().timeZone}" required></label></div></fieldset>
    <fieldset><legend>Consent</legend><div class="grid">
      <label><input type="checkbox" name="consents.treatment"> Consents to treatment</label>
      <label><input type="checkbox" name="consents.sms"> Agrees to text messages</label>
      <label><input type="checkbox" name="consents.email"> Agrees to email</label>
      <label><span>Consent text version</span><input name="consents.textVersion" value="2026-01"></label></div></fieldset>
    <fieldset><legend>Clinical history and vital signs</legend><div class="grid">${raw(CLINICAL.map(control).join(""))}</div>
      <fieldset><legend>Current medication classes</legend><div class="grid">
        <label><input type="checkbox" name="med-none" value="NONE"> none: no regular medication</label>${raw(MEDICATIONS.map((m) =>
        html`<label><input type="checkbox" name="med" value="${m}"> ${words(m)}</label>`).join(""))}</div></fieldset></fieldset>
    <fieldset data-field="clinical.phq9Items"><legend>PHQ-9: over the last 2 weeks, how often bothered by…</legend>
      ${raw(PHQ9.map((item, i) => html`<div class="question" role="radiogroup" aria-label="${item}"><span>${i + 1}. ${item}</span>
        <div class="row">${raw([0, 1, 2, 3].map((v) => html`<label><input type="radio" name="phq9.${i}" value="${v}">
        ${["Not at all", "Several days", "More than half the days", "Nearly every day"][v]}</label>`).join(""))}</div></div>`).join(""))}
      <p aria-live="polite">PHQ-9 total: <strong id="phq9-total">–</strong> <span id="phq9-note" class="muted"></span></p></fieldset>
    <fieldset><legend>C-SSRS screener (past month)</legend>
      ${raw(CSSRS.map(([name, q]) => html`<label><span>${q}</span><select name="clinical.cssrs.${name}">
        <option value="">not asked</option><option value="false">No</option><option value="true">Yes</option></select></label>`).join(""))}</fieldset>
    <button type="submit">Submit for screening</button>`;
  form.addEventListener("change", (e) => {
    // "none" and a medication class exclude each other: ticking one clears the other
    if (e.target.name === "med-none" && e.target.checked) form.querySelectorAll('input[name="med"]').forEach((el) => { el.checked = false; });
    if (e.target.name === "med" && e.target.checked) form.querySelector('input[name="med-none"]').checked = false;
    live(form);
  });
  form.addEventListener("input", () => live(form));
}

/** Live checks: the PHQ-9 total as items are answered, and each field's own limits. */
export function live(form) {
  const items = [...Array(9).keys()].map((i) => form.querySelector(`input[name="phq9.${i}"]:checked`));
  const answered = items.filter(Boolean).map((el) => Number(el.value));
  const total = answered.reduce((a, b) => a + b, 0);
  form.querySelector("#phq9-total").textContent = answered.length === 9 ? String(total) : answered.length ? total + " so far" : "–";
  const item9 = items[8] ? Number(items[8].value) : null;
  const gatewayUnanswered = ["q1WishDead", "q2ActiveThoughts"]
    .some((q) => form.querySelector(`[name="clinical.cssrs.${q}"]`).value === "");
  form.querySelector("#phq9-note").textContent = item9 !== null && item9 >= 2
    ? "Item 9 of 2 or more: screening will escalate this referral the same day."
    : item9 === 1 && gatewayUnanswered
      ? "Item 9 is positive: without C-SSRS questions 1 and 2 answered, screening will escalate this referral the same day." : "";
  form.querySelectorAll("input[type=number], input[type=tel], input[type=email], input[required]").forEach((input) => {
    const bad = input.value !== "" && !input.checkValidity();
    input.classList.toggle("invalid", bad || (input.required && input.dataset.touched && input.value === ""));
    input.setAttribute("aria-invalid", String(bad));
  });
}

export function read(form) {
  const value = (name) => { const el = form.querySelector(`[name="${name}"]`); return el ? el.value.trim() : ""; };
  const checked = (name) => form.querySelector(`[name="${name}"]`).checked;
  const clinical = {};
  CLINICAL.forEach((f) => {
    const v = value("clinical." + f.name);
    if (v === "") return;
    clinical[f.name] = f.type === "bool" ? v === "true" : f.type === "number" ? Number(v) : v;
  });
  // All nine PHQ-9 answers: the server computes the total and item 9. Item 9 alone is still a
  // risk answer and goes as phq9Item9; the total then stays missing, which screening reports.
  const items = [...Array(9).keys()].map((i) => form.querySelector(`input[name="phq9.${i}"]:checked`));
  if (items.every(Boolean)) clinical.phq9Items = items.map((el) => Number(el.value));
  else if (items[8]) clinical.phq9Item9 = Number(items[8].value);
  // A C-SSRS with any answer goes whole: an unanswered question is null (not asked), never a
  // "no"; none answered means it was not administered, and it is left out.
  const cssrs = {};
  let asked = false;
  CSSRS.forEach(([name]) => { const v = value("clinical.cssrs." + name); cssrs[name] = v === "" ? null : v === "true"; asked ||= v !== ""; });
  if (asked) clinical.cssrs = cssrs;
  // Medication: the classes ticked, [] only for an explicit "none", and nothing when the section
  // was not answered, so screening reports it missing instead of reading "no medication".
  const meds = [...form.querySelectorAll('input[name="med"]:checked')].map((el) => el.value);
  if (meds.length) clinical.medicationClasses = meds;
  else if (checked("med-none")) clinical.medicationClasses = [];
  return {
    patient: { givenName: value("patient.givenName"), familyName: value("patient.familyName"), dateOfBirth: value("patient.dateOfBirth") || null },
    contact: { phone: value("contact.phone") || null, email: value("contact.email") || null,
      preferredChannel: value("contact.preferredChannel"), timeZone: value("contact.timeZone") },
    consents: { treatment: checked("consents.treatment"), sms: checked("consents.sms"), email: checked("consents.email"),
      textVersion: value("consents.textVersion") },
    clinical,
    clinicId: chosenClinic(form),
  };
}
