-- Patients: identity, contact and messaging preferences. The intake service is their source of truth.
CREATE TABLE patient (
	id                uuid PRIMARY KEY,
	given_name        text        NOT NULL,
	family_name       text        NOT NULL,
	date_of_birth     date        NOT NULL,
	phone             text,
	email             text,
	preferred_channel text        NOT NULL CHECK (preferred_channel IN ('SMS', 'EMAIL')),
	time_zone         text        NOT NULL,
	created_at        timestamptz NOT NULL,
	updated_at        timestamptz NOT NULL
);

CREATE INDEX patient_identity ON patient (lower(family_name), lower(given_name), date_of_birth);
CREATE INDEX patient_phone ON patient (phone) WHERE phone IS NOT NULL;
CREATE INDEX patient_email ON patient (lower(email)) WHERE email IS NOT NULL;

-- Consents are recorded, never overwritten: the current consent of a kind is its newest row.
CREATE TABLE consent (
	id           bigserial PRIMARY KEY,
	patient_id   uuid        NOT NULL REFERENCES patient (id),
	kind         text        NOT NULL CHECK (kind IN ('TREATMENT', 'SMS', 'EMAIL')),
	granted      boolean     NOT NULL,
	text_version text        NOT NULL,
	captured_by  text        NOT NULL,
	captured_at  timestamptz NOT NULL
);

CREATE INDEX consent_current ON consent (patient_id, kind, id DESC);

CREATE TABLE submission (
	id                uuid PRIMARY KEY,
	patient_id        uuid        NOT NULL REFERENCES patient (id),
	status            text        NOT NULL CHECK (status IN ('DRAFT', 'SUBMITTED', 'WITHDRAWN')),
	current_version   int         NOT NULL,
	created_at        timestamptz NOT NULL,
	created_by        text        NOT NULL,
	submitted_at      timestamptz,
	withdrawn_at      timestamptz,
	withdrawn_by      text,
	withdrawal_reason text
);

CREATE INDEX submission_newest ON submission ((coalesce(submitted_at, created_at)) DESC);
CREATE INDEX submission_patient ON submission (patient_id);

-- Every version of a submission's clinical section, with who recorded it and when.
CREATE TABLE submission_version (
	submission_id uuid        NOT NULL REFERENCES submission (id),
	version       int         NOT NULL,
	clinical      jsonb       NOT NULL,
	recorded_at   timestamptz NOT NULL,
	recorded_by   text        NOT NULL,
	reason        text,
	PRIMARY KEY (submission_id, version)
);

-- A new patient who may be someone already known: staff decide, nothing is merged silently.
CREATE TABLE duplicate_flag (
	id                 uuid PRIMARY KEY,
	submission_id      uuid        NOT NULL REFERENCES submission (id),
	patient_id         uuid        NOT NULL REFERENCES patient (id),
	matched_patient_id uuid        NOT NULL REFERENCES patient (id),
	reasons            text[]      NOT NULL,
	status             text        NOT NULL CHECK (status IN ('OPEN', 'SAME_PATIENT', 'DIFFERENT_PATIENT')),
	created_at         timestamptz NOT NULL,
	resolved_by        text,
	resolved_at        timestamptz,
	UNIQUE (patient_id, matched_patient_id)
);

CREATE INDEX duplicate_flag_open ON duplicate_flag (created_at DESC) WHERE status = 'OPEN';
