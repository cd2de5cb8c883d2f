-- What screening knows of each patient's consent to treatment, learnt from intake's PatientContactChanged:
-- approving an assessment needs it (a patient screening never heard about counts as not consented).
-- One row per patient holding the newest change by intake's changed_at, whatever order events arrive in.
CREATE TABLE treatment_consent (
	patient_id uuid PRIMARY KEY,
	treatment  boolean     NOT NULL,
	changed_at timestamptz NOT NULL
);
