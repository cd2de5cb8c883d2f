-- The interop service's read model (ADR 18): what the FHIR resources are built from, filled from the
-- services' events only. One row per PHQ-9 total measured: at intake (a submission, replaced by its
-- amendments) and at each check-in.
CREATE TABLE phq9_score (
    source_id     uuid PRIMARY KEY,           -- the submission or the check-in: the Observation's id
    patient_id    uuid NOT NULL,
    clinic_id     text NOT NULL,
    source        text NOT NULL CHECK (source IN ('INTAKE', 'CHECK_IN')),
    version       integer NOT NULL,           -- the submission's version (1 for a check-in)
    -- null once an amendment left the PHQ-9 incomplete: the total no longer stands and is not served
    total         integer CHECK (total BETWEEN 0 AND 27),
    amended       boolean NOT NULL,           -- a later version replaced what was first recorded
    effective_at  timestamptz NOT NULL,       -- when the patient first answered
    recorded_at   timestamptz NOT NULL,       -- when the version served was recorded (Observation.issued)
    updated_at    timestamptz NOT NULL
);
CREATE INDEX phq9_score_patient ON phq9_score (patient_id, effective_at);
