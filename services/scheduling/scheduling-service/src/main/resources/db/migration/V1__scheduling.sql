-- btree_gist lets exclusion constraints combine equality on ids with overlap of time ranges.
CREATE EXTENSION IF NOT EXISTS btree_gist;

-- Clinic set-up: where, when open, which chairs, which staff and when they work.
CREATE TABLE location (
	id         uuid PRIMARY KEY,
	name       text        NOT NULL UNIQUE,
	time_zone  text        NOT NULL,
	created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE opening_hours (
	location_id uuid NOT NULL REFERENCES location (id),
	day_of_week int  NOT NULL CHECK (day_of_week BETWEEN 1 AND 7),
	opens       time NOT NULL,
	closes      time NOT NULL CHECK (closes > opens),
	PRIMARY KEY (location_id, day_of_week)
);

CREATE TABLE closure (
	id          uuid PRIMARY KEY,
	location_id uuid NOT NULL REFERENCES location (id),
	day         date NOT NULL,
	reason      text NOT NULL,
	UNIQUE (location_id, day)
);

CREATE TABLE chair (
	id          uuid PRIMARY KEY,
	location_id uuid    NOT NULL REFERENCES location (id),
	name        text    NOT NULL,
	active      boolean NOT NULL DEFAULT true,
	UNIQUE (location_id, name)
);

CREATE TABLE staff (
	id          uuid PRIMARY KEY,
	location_id uuid NOT NULL REFERENCES location (id),
	name        text NOT NULL,
	role        text NOT NULL CHECK (role IN ('PRESCRIBER', 'NURSE')),
	UNIQUE (location_id, name)
);

CREATE TABLE staff_hours (
	staff_id    uuid NOT NULL REFERENCES staff (id),
	day_of_week int  NOT NULL CHECK (day_of_week BETWEEN 1 AND 7),
	starts      time NOT NULL,
	ends        time NOT NULL CHECK (ends > starts),
	PRIMARY KEY (staff_id, day_of_week)
);

-- Treatment plans: made when a clinician approves a patient, one per approval.
CREATE TABLE treatment_plan (
	id               uuid PRIMARY KEY,
	patient_id       uuid        NOT NULL,
	assessment_id    uuid UNIQUE,
	protocol         text        NOT NULL CHECK (protocol IN ('IV_KETAMINE', 'ESKETAMINE')),
	kind             text        NOT NULL CHECK (kind IN ('INDUCTION', 'BOOSTER')),
	sessions_planned int         NOT NULL,
	status           text        NOT NULL CHECK (status IN ('ACTIVE', 'COMPLETED', 'CANCELLED')),
	created_at       timestamptz NOT NULL,
	cancelled_at     timestamptz,
	cancel_reason    text
);

CREATE INDEX treatment_plan_patient ON treatment_plan (patient_id, created_at DESC);

-- Sessions. The database itself forbids double booking: while a session holds its chair (booked, checked in,
-- in progress or completed), no other such session may overlap it in the same chair, or for the same patient.
CREATE TABLE session (
	id          uuid PRIMARY KEY,
	plan_id     uuid        NOT NULL REFERENCES treatment_plan (id),
	patient_id  uuid        NOT NULL,
	location_id uuid        NOT NULL REFERENCES location (id),
	chair_id    uuid        NOT NULL REFERENCES chair (id),
	sequence    int         NOT NULL,
	starts_at   timestamptz NOT NULL,
	ends_at     timestamptz NOT NULL CHECK (ends_at > starts_at),
	status      text        NOT NULL CHECK (status IN ('BOOKED', 'CHECKED_IN', 'IN_PROGRESS', 'COMPLETED', 'CANCELLED',
		'MISSED')),
	created_at  timestamptz NOT NULL,
	period      tstzrange GENERATED ALWAYS AS (tstzrange(starts_at, ends_at, '[)')) STORED,
	CONSTRAINT session_chair_free EXCLUDE USING gist (chair_id WITH =, period WITH &&)
		WHERE (status IN ('BOOKED', 'CHECKED_IN', 'IN_PROGRESS', 'COMPLETED')),
	CONSTRAINT session_patient_free EXCLUDE USING gist (patient_id WITH =, period WITH &&)
		WHERE (status IN ('BOOKED', 'CHECKED_IN', 'IN_PROGRESS', 'COMPLETED'))
);

CREATE INDEX session_plan ON session (plan_id, sequence);
CREATE INDEX session_location_time ON session USING gist (location_id, period);

-- Every status a session has had, with who changed it, when and why: corrected, never silently lost.
CREATE TABLE session_status_history (
	id         bigserial PRIMARY KEY,
	session_id uuid        NOT NULL REFERENCES session (id),
	status     text        NOT NULL,
	changed_at timestamptz NOT NULL,
	changed_by text        NOT NULL,
	reason     text
);

CREATE INDEX session_status_history_session ON session_status_history (session_id, id);
