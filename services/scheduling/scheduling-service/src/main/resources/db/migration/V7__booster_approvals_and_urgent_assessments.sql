-- Boosters made before V4 kept no approval (V4 backfilled only plans with an assessment): each stands on the same
-- patient's newest induction approved before the booster was made, if any. A booster whose approval stays unknown is
-- not stopped by the review sweep; check-in and start hold it until a fresh clinician review.
UPDATE treatment_plan b SET (approval_id, approved_at) = (
	SELECT i.approval_id, i.approved_at FROM treatment_plan i
	WHERE i.patient_id = b.patient_id AND i.kind = 'INDUCTION' AND i.approval_id IS NOT NULL
		AND i.approved_at < b.created_at
	ORDER BY i.approved_at DESC, i.id LIMIT 1)
WHERE b.kind = 'BOOSTER' AND b.approval_id IS NULL AND EXISTS (SELECT 1 FROM treatment_plan i
	WHERE i.patient_id = b.patient_id AND i.kind = 'INDUCTION' AND i.approval_id IS NOT NULL
		AND i.approved_at < b.created_at);

-- Whether an assessment's outcome was urgent and how a clinician decided it: a booster standing on an approval given
-- before an urgent assessment needs a fresh review unless that assessment, or a later one, was approved.
ALTER TABLE screening_assessment ADD COLUMN urgent boolean NOT NULL DEFAULT false;
ALTER TABLE screening_assessment ADD COLUMN decision text;
UPDATE screening_assessment SET urgent = true WHERE assessment_id IN (SELECT assessment_id FROM urgent_finding);
