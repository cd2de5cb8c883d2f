-- Clinic scoping (ADR 12): every row about a patient belongs to the patient's clinic. Rows written before
-- clinics existed belong to the deployment's single clinic, 'main'; from now on the code always names one:
-- an assessment takes it from the intake event, a decision from its assessment, a re-review from the
-- patient's latest assessment, a consent from intake's contact event.
ALTER TABLE assessment ADD COLUMN clinic_id text NOT NULL DEFAULT 'main';
ALTER TABLE assessment ALTER COLUMN clinic_id DROP DEFAULT;
ALTER TABLE decision ADD COLUMN clinic_id text NOT NULL DEFAULT 'main';
ALTER TABLE decision ALTER COLUMN clinic_id DROP DEFAULT;
ALTER TABLE review_item ADD COLUMN clinic_id text NOT NULL DEFAULT 'main';
ALTER TABLE review_item ALTER COLUMN clinic_id DROP DEFAULT;
ALTER TABLE treatment_consent ADD COLUMN clinic_id text NOT NULL DEFAULT 'main';
ALTER TABLE treatment_consent ALTER COLUMN clinic_id DROP DEFAULT;

-- the review queue and the open re-reviews are listed per clinic
DROP INDEX assessment_queue;
CREATE INDEX assessment_queue ON assessment (clinic_id, priority, due_at) WHERE status = 'PENDING_REVIEW';
DROP INDEX review_item_open;
CREATE INDEX review_item_open ON review_item (clinic_id, due_at) WHERE status = 'OPEN';
