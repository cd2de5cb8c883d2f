-- Who each patient is, for the FHIR Patient (ADR 18): names and birth date from intake's interop topic
-- (PatientDemographicsChanged), phone and email from its patients topic (PatientContactChanged). Either event
-- may arrive first, so each half is nullable and carries the time of the change it holds: an older change
-- never replaces a newer one.
CREATE TABLE patient (
    patient_id        uuid PRIMARY KEY,             -- the Patient's id
    clinic_id         text NOT NULL,
    family_name       text,
    given_name        text,
    birth_date        date,
    demographics_at   timestamptz,                  -- when the names and birth date held here were set
    phone             text,
    email             text,
    contact_at        timestamptz,                  -- when the phone and email held here were set
    updated_at        timestamptz NOT NULL          -- Patient.meta.lastUpdated
);
-- FHIR string search matches the start of a name, whatever its case
CREATE INDEX patient_family ON patient (lower(family_name) text_pattern_ops);
CREATE INDEX patient_given ON patient (lower(given_name) text_pattern_ops);
CREATE INDEX patient_birth_date ON patient (birth_date);
