-- Every screening assessment scheduling has heard of: when it was assessed (ScreeningAssessed) and whether it is
-- closed, decided by a clinician (ScreeningDecided) or superseded by the assessment of an amendment. An urgent
-- outcome of a closed assessment, heard late or again, opens no finding and stops no plan.
CREATE TABLE screening_assessment (
	assessment_id uuid PRIMARY KEY,
	patient_id    uuid NOT NULL,
	assessed_at   timestamptz,
	closed_at     timestamptz,
	closed_how    text CHECK (closed_how IN ('DECIDED', 'SUPERSEDED'))
);

CREATE INDEX screening_assessment_patient ON screening_assessment (patient_id);

-- How an urgent finding was closed: DECIDED (its own assessment), LATER_DECISION (a decision on an assessment of the
-- patient assessed at or after it) or SUPERSEDED (the assessment of an amendment replaced it). decided_at is when.
ALTER TABLE urgent_finding ADD COLUMN closed_how text
	CHECK (closed_how IN ('DECIDED', 'LATER_DECISION', 'SUPERSEDED'));
UPDATE urgent_finding SET closed_how = 'DECIDED' WHERE decided_at IS NOT NULL;

INSERT INTO screening_assessment (assessment_id, patient_id, assessed_at, closed_at, closed_how)
SELECT assessment_id, patient_id, assessed_at, decided_at, CASE WHEN decided_at IS NOT NULL THEN 'DECIDED' END
FROM urgent_finding;
