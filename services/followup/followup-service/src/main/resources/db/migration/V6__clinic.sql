-- ADR 12: every row about a patient belongs to the patient's clinic; staff read and change only their clinics' rows.
-- Rows written before clinics belong to the deployment's single clinic, 'main' (ketaclinic.security.default-clinic).
-- The patient takes its clinic from the intake events; the rows about the patient copy it when they are written.
ALTER TABLE patient ADD COLUMN clinic_id text NOT NULL DEFAULT 'main';
ALTER TABLE patient ALTER COLUMN clinic_id DROP DEFAULT;
ALTER TABLE plan ADD COLUMN clinic_id text NOT NULL DEFAULT 'main';
ALTER TABLE plan ALTER COLUMN clinic_id DROP DEFAULT;
ALTER TABLE session ADD COLUMN clinic_id text NOT NULL DEFAULT 'main';
ALTER TABLE session ALTER COLUMN clinic_id DROP DEFAULT;
ALTER TABLE check_in ADD COLUMN clinic_id text NOT NULL DEFAULT 'main';
ALTER TABLE check_in ALTER COLUMN clinic_id DROP DEFAULT;
ALTER TABLE message ADD COLUMN clinic_id text NOT NULL DEFAULT 'main';
ALTER TABLE message ALTER COLUMN clinic_id DROP DEFAULT;
ALTER TABLE delivery ADD COLUMN clinic_id text NOT NULL DEFAULT 'main';
ALTER TABLE delivery ALTER COLUMN clinic_id DROP DEFAULT;
ALTER TABLE alert ADD COLUMN clinic_id text NOT NULL DEFAULT 'main';
ALTER TABLE alert ALTER COLUMN clinic_id DROP DEFAULT;
ALTER TABLE staff_task ADD COLUMN clinic_id text NOT NULL DEFAULT 'main';
ALTER TABLE staff_task ALTER COLUMN clinic_id DROP DEFAULT;
-- the inboxes list by clinic and status
CREATE INDEX alert_clinic_status ON alert (clinic_id, status, created_at);
CREATE INDEX staff_task_clinic_status ON staff_task (clinic_id, status, created_at);
