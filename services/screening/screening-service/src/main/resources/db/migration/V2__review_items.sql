-- Reviews that do not start from an intake: follow-up saw the treatment effect fading (RelapseRiskDetected).
CREATE TABLE review_item (
	id              uuid PRIMARY KEY,
	patient_id      uuid        NOT NULL,
	kind            text        NOT NULL CHECK (kind IN ('RELAPSE_RISK')),
	reasons         text[]      NOT NULL,
	source_event_id text        NOT NULL UNIQUE,
	assigned_to     text,
	status          text        NOT NULL CHECK (status IN ('OPEN', 'CLOSED')),
	created_at      timestamptz NOT NULL,
	due_at          timestamptz NOT NULL,
	closed_by       text,
	closed_at       timestamptz,
	closing_note    text
);

CREATE INDEX review_item_open ON review_item (due_at) WHERE status = 'OPEN';
CREATE INDEX review_item_patient ON review_item (patient_id, created_at DESC);
