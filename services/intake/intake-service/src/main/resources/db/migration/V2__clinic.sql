-- Clinic scoping (ADR 12): every row about a patient belongs to the clinic that took the referral.
-- Rows written before clinics belong to the deployment's single clinic, 'main' (the default of
-- ketaclinic.security.default-clinic). The code always sets the column from now on: no default.
ALTER TABLE patient ADD COLUMN clinic_id text NOT NULL DEFAULT 'main';
ALTER TABLE patient ALTER COLUMN clinic_id DROP DEFAULT;

-- child rows copy their parent's clinic
ALTER TABLE consent ADD COLUMN clinic_id text NOT NULL DEFAULT 'main';
ALTER TABLE consent ALTER COLUMN clinic_id DROP DEFAULT;

ALTER TABLE submission ADD COLUMN clinic_id text NOT NULL DEFAULT 'main';
ALTER TABLE submission ALTER COLUMN clinic_id DROP DEFAULT;

ALTER TABLE submission_version ADD COLUMN clinic_id text NOT NULL DEFAULT 'main';
ALTER TABLE submission_version ALTER COLUMN clinic_id DROP DEFAULT;

-- a flag belongs to the new patient's clinic
ALTER TABLE duplicate_flag ADD COLUMN clinic_id text NOT NULL DEFAULT 'main';
ALTER TABLE duplicate_flag ALTER COLUMN clinic_id DROP DEFAULT;

-- the lists filter by clinic first
CREATE INDEX submission_clinic_newest ON submission (clinic_id, (coalesce(submitted_at, created_at)) DESC);
CREATE INDEX patient_clinic_identity ON patient (clinic_id, lower(family_name), lower(given_name), date_of_birth);
CREATE INDEX duplicate_flag_clinic_open ON duplicate_flag (clinic_id, created_at DESC) WHERE status = 'OPEN';
