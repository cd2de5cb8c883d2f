-- Assessments: one per version of an intake's clinical section, with every finding and the rule set and
-- criteria they were made with, so any decision can be explained later exactly as the clinician saw it.
CREATE TABLE assessment (
	id                 uuid PRIMARY KEY,
	patient_id         uuid        NOT NULL,
	submission_id      uuid        NOT NULL,
	submission_version int         NOT NULL,
	outcome            text        NOT NULL,
	ruleset_version    text        NOT NULL,
	criteria           jsonb       NOT NULL,
	findings           jsonb       NOT NULL,
	clinical           jsonb       NOT NULL,
	status             text        NOT NULL CHECK (status IN ('PENDING_REVIEW', 'DECIDED', 'SUPERSEDED', 'EXPIRED')),
	priority           int         NOT NULL,
	created_at         timestamptz NOT NULL,
	due_at             timestamptz NOT NULL,
	supersedes         uuid REFERENCES assessment (id),
	UNIQUE (submission_id, submission_version)
);

CREATE INDEX assessment_patient ON assessment (patient_id, created_at DESC);
CREATE INDEX assessment_queue ON assessment (priority, due_at) WHERE status = 'PENDING_REVIEW';

-- A clinician's decision; the rationale and override reasons stay here and never go on Kafka.
CREATE TABLE decision (
	assessment_id uuid PRIMARY KEY REFERENCES assessment (id),
	decision      text        NOT NULL CHECK (decision IN ('APPROVED', 'DECLINED', 'MORE_INFO_REQUESTED')),
	protocol      text CHECK (protocol IN ('IV_KETAMINE', 'ESKETAMINE')),
	rationale     text        NOT NULL,
	overrides     jsonb       NOT NULL,
	decided_by    text        NOT NULL,
	decided_at    timestamptz NOT NULL
);
