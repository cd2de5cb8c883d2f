-- Clinic scoping (ADR 12): every location, plan and row under a plan belongs to a clinic; rows written before clinics
-- existed belong to the deployment's single clinic, 'main'. Plans take the clinic of the screening event that made
-- them (a booster the clinic of its proposal); sessions, waitlist entries and pre-dose concerns copy their plan's or
-- session's clinic. Chairs and staff belong to their location's clinic.
ALTER TABLE location ADD COLUMN clinic_id text NOT NULL DEFAULT 'main';
ALTER TABLE location ALTER COLUMN clinic_id DROP DEFAULT;
CREATE INDEX location_clinic ON location (clinic_id, name);

ALTER TABLE treatment_plan ADD COLUMN clinic_id text NOT NULL DEFAULT 'main';
ALTER TABLE treatment_plan ALTER COLUMN clinic_id DROP DEFAULT;
CREATE INDEX treatment_plan_clinic ON treatment_plan (clinic_id, created_at) WHERE status = 'ACTIVE';

ALTER TABLE session ADD COLUMN clinic_id text NOT NULL DEFAULT 'main';
ALTER TABLE session ALTER COLUMN clinic_id DROP DEFAULT;

ALTER TABLE waitlist_entry ADD COLUMN clinic_id text NOT NULL DEFAULT 'main';
ALTER TABLE waitlist_entry ALTER COLUMN clinic_id DROP DEFAULT;
CREATE INDEX waitlist_entry_clinic ON waitlist_entry (clinic_id, added_at) WHERE status = 'WAITING';

ALTER TABLE booster_proposal ADD COLUMN clinic_id text NOT NULL DEFAULT 'main';
ALTER TABLE booster_proposal ALTER COLUMN clinic_id DROP DEFAULT;
CREATE INDEX booster_proposal_clinic ON booster_proposal (clinic_id, created_at) WHERE status = 'PROPOSED';

ALTER TABLE pre_dose_concern ADD COLUMN clinic_id text NOT NULL DEFAULT 'main';
ALTER TABLE pre_dose_concern ALTER COLUMN clinic_id DROP DEFAULT;

-- Patient-level safety facts heard from other services: consulted by patient id by the safety gates (system side,
-- never listed to staff); they keep the clinic the event named, or the default clinic (follow-up's alerts, whose
-- events name none yet: the clinic of the patient's newest plan). A decision heard before its assessment keeps the
-- column default until the assessment names the clinic.
ALTER TABLE patient_consent ADD COLUMN clinic_id text NOT NULL DEFAULT 'main';
ALTER TABLE patient_consent ALTER COLUMN clinic_id DROP DEFAULT;
ALTER TABLE screening_assessment ADD COLUMN clinic_id text NOT NULL DEFAULT 'main';
ALTER TABLE urgent_finding ADD COLUMN clinic_id text NOT NULL DEFAULT 'main';
ALTER TABLE urgent_finding ALTER COLUMN clinic_id DROP DEFAULT;
ALTER TABLE urgent_alert ADD COLUMN clinic_id text NOT NULL DEFAULT 'main';
ALTER TABLE urgent_alert ALTER COLUMN clinic_id DROP DEFAULT;
