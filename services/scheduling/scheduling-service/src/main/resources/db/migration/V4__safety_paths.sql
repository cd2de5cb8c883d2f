-- Safety paths (issue 17): what holds a patient's dosing, what a plan stands on, and the pre-dose safety check.

-- The approval a plan stands on, and when it was given: an induction plan stands on its own assessment, a
-- booster on the approval of the plan it follows, so withdrawing or superseding that approval stops both.
ALTER TABLE treatment_plan ADD COLUMN approval_id uuid;
ALTER TABLE treatment_plan ADD COLUMN approved_at timestamptz;
UPDATE treatment_plan SET approval_id = assessment_id, approved_at = created_at WHERE assessment_id IS NOT NULL;
CREATE INDEX treatment_plan_approval ON treatment_plan (approval_id) WHERE status = 'ACTIVE';
ALTER TABLE treatment_plan ADD COLUMN cancelled_by text;
ALTER TABLE treatment_plan ADD COLUMN cancel_note text;

-- The patient's consent to treatment, as intake last said (PatientContactChanged); newest changedAt wins.
-- A patient never heard of has not consented.
CREATE TABLE patient_consent (
	patient_id uuid PRIMARY KEY,
	treatment  boolean     NOT NULL,
	changed_at timestamptz NOT NULL
);

-- Screening outcomes URGENT_SAME_DAY_REVIEW: open until a clinician decides the assessment.
CREATE TABLE urgent_finding (
	assessment_id uuid PRIMARY KEY,
	patient_id    uuid        NOT NULL,
	assessed_at   timestamptz NOT NULL,
	decided_at    timestamptz
);

CREATE INDEX urgent_finding_open ON urgent_finding (patient_id) WHERE decided_at IS NULL;

-- Follow-up's urgent alerts: open until acknowledged. received_at/acknowledged_received_at are this service's
-- clock, so they can be ordered against pre-dose checks recorded here. An acknowledgement may arrive first.
CREATE TABLE urgent_alert (
	alert_id                 uuid PRIMARY KEY,
	patient_id               uuid        NOT NULL,
	source                   text,
	raised_at                timestamptz,
	received_at              timestamptz,
	acknowledged_at          timestamptz,
	acknowledged_received_at timestamptz
);

CREATE INDEX urgent_alert_patient ON urgent_alert (patient_id);

-- The pre-dose check's safety answers "since the last visit", the escort confirmed before dosing, and what the
-- check raised. The answers stay here; events carry codes only.
ALTER TABLE session_record ADD COLUMN phq9_item9 int CHECK (phq9_item9 BETWEEN 0 AND 3);
ALTER TABLE session_record ADD COLUMN cssrs_wish_dead boolean;
ALTER TABLE session_record ADD COLUMN cssrs_active_thoughts boolean;
ALTER TABLE session_record ADD COLUMN cssrs_method boolean;
ALTER TABLE session_record ADD COLUMN cssrs_intent boolean;
ALTER TABLE session_record ADD COLUMN cssrs_plan_with_intent boolean;
ALTER TABLE session_record ADD COLUMN cssrs_behaviour boolean;
ALTER TABLE session_record ADD COLUMN pre_dose_escort_confirmed boolean;
ALTER TABLE session_record ADD COLUMN concern_reasons text[];
ALTER TABLE session_record ADD COLUMN prescriber_confirmed_at timestamptz;
-- the same check sent again before anything changed answers the first (a retry pages no one twice)
ALTER TABLE session_record ADD COLUMN pre_dose_fingerprint text;
ALTER TABLE session_record DROP CONSTRAINT session_record_bp_gate_check;
ALTER TABLE session_record ADD CONSTRAINT session_record_bp_gate_check
	CHECK (bp_gate IN ('CLEAR', 'PRESCRIBER_CONFIRMATION_REQUIRED', 'DEFERRED', 'URGENT_DEFERRAL'));

-- Every positive pre-dose check of a patient: it holds dosing until follow-up's urgent alert raised for it is
-- acknowledged and a clinician records a new, negative check after that.
CREATE TABLE pre_dose_concern (
	id         uuid PRIMARY KEY,
	session_id uuid        NOT NULL REFERENCES session (id),
	patient_id uuid        NOT NULL,
	reasons    text[]      NOT NULL,
	raised_at  timestamptz NOT NULL,
	raised_by  text        NOT NULL
);

CREATE INDEX pre_dose_concern_patient ON pre_dose_concern (patient_id, raised_at DESC);
