-- Booster proposals: follow-up saw the effect fading; a clinician approves (a one-session booster plan) or
-- declines.
CREATE TABLE booster_proposal (
	id              uuid PRIMARY KEY,
	patient_id      uuid        NOT NULL,
	protocol        text        NOT NULL,
	reasons         text[]      NOT NULL,
	earliest_date   date        NOT NULL,
	source_event_id text        NOT NULL UNIQUE,
	status          text        NOT NULL CHECK (status IN ('PROPOSED', 'APPROVED', 'DECLINED')),
	created_at      timestamptz NOT NULL,
	decided_by      text,
	decided_at      timestamptz,
	decision_note   text,
	plan_id         uuid REFERENCES treatment_plan (id)
);

CREATE INDEX booster_proposal_open ON booster_proposal (created_at) WHERE status = 'PROPOSED';

-- Patients waiting for an earlier slot, in the order they asked.
CREATE TABLE waitlist_entry (
	id         uuid PRIMARY KEY,
	plan_id    uuid        NOT NULL REFERENCES treatment_plan (id),
	patient_id uuid        NOT NULL,
	added_by   text        NOT NULL,
	added_at   timestamptz NOT NULL,
	status     text        NOT NULL CHECK (status IN ('WAITING', 'BOOKED', 'REMOVED')),
	closed_at  timestamptz
);

CREATE UNIQUE INDEX waitlist_entry_waiting ON waitlist_entry (plan_id) WHERE status = 'WAITING';
CREATE INDEX waitlist_entry_order ON waitlist_entry (added_at) WHERE status = 'WAITING';
