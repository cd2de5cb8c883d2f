-- Follow-up's own data: copies of contact and consent, the sessions and plans it reminds
-- about, planned messages and their deliveries, check-ins, alerts and staff tasks.

CREATE TABLE patient (
    patient_id             uuid PRIMARY KEY,
    phone                  text,
    email                  text,
    preferred_channel      text CHECK (preferred_channel IN ('SMS', 'EMAIL')),
    time_zone              text,
    consent_sms            boolean NOT NULL DEFAULT false,
    consent_email          boolean NOT NULL DEFAULT false,
    consent_text_version   text,
    contact_changed_at     timestamptz,
    -- a STOP reply; stands until the patient texts START
    sms_opted_out_at       timestamptz,
    baseline_phq9          integer CHECK (baseline_phq9 BETWEEN 0 AND 27),
    baseline_version       integer,
    baseline_recorded_at   timestamptz,
    -- a relapse risk was reported and the patient has not recovered since: report once
    relapse_reported_at    timestamptz,
    non_response_reviewed  boolean NOT NULL DEFAULT false
);
CREATE INDEX patient_phone ON patient (phone);

CREATE TABLE plan (
    plan_id          uuid PRIMARY KEY,
    patient_id       uuid NOT NULL,
    protocol         text NOT NULL,
    kind             text NOT NULL CHECK (kind IN ('INDUCTION', 'BOOSTER')),
    sessions_planned integer NOT NULL
);

CREATE TABLE session (
    session_id     uuid PRIMARY KEY,
    patient_id     uuid NOT NULL,
    plan_id        uuid NOT NULL,
    sequence       integer NOT NULL,
    protocol       text NOT NULL,
    starts_at      timestamptz NOT NULL,
    ends_at        timestamptz NOT NULL,
    clinic_zone    text NOT NULL,
    status         text NOT NULL CHECK (status IN ('BOOKED', 'CANCELLED', 'COMPLETED', 'MISSED')),
    confirmed_at   timestamptz,
    completed_at   timestamptz,
    last_of_series boolean NOT NULL DEFAULT false
);
CREATE INDEX session_patient ON session (patient_id, starts_at);

CREATE TABLE check_in (
    check_in_id   uuid PRIMARY KEY,
    patient_id    uuid NOT NULL,
    kind          text NOT NULL,
    day_number    integer,
    -- what planned it, so a redelivered event plans nothing twice
    origin        text NOT NULL UNIQUE,
    due_at        timestamptz NOT NULL,
    -- the link's token is derived from a secret and this nonce; only its hash is kept
    token_nonce   uuid NOT NULL,
    token_hash    text NOT NULL UNIQUE,
    expires_at    timestamptz,
    status        text NOT NULL CHECK (status IN ('PLANNED', 'SENT', 'ANSWERED', 'CANCELLED')),
    requested_by  text,
    answered_at   timestamptz,
    phq9_items    integer[],
    phq9_total    integer,
    phq9_item9    integer,
    mood_rating   integer,
    symptoms      text[],
    safety        jsonb,
    response_status text
);
CREATE INDEX check_in_patient ON check_in (patient_id, answered_at);

CREATE TABLE message (
    message_id    uuid PRIMARY KEY,
    patient_id    uuid NOT NULL,
    kind          text NOT NULL,
    session_id    uuid,
    check_in_id   uuid REFERENCES check_in (check_in_id),
    -- what planned it: a redelivered event plans nothing twice
    origin        text NOT NULL UNIQUE,
    -- a reply goes to the number that wrote, whoever's patient record it is on
    reply_to      text,
    due_at        timestamptz NOT NULL,
    scheduled_for timestamptz NOT NULL,
    status        text NOT NULL CHECK (status IN ('PLANNED', 'QUEUED', 'SENT', 'DELIVERED', 'FAILED',
                                                  'UNDELIVERABLE', 'CANCELLED', 'SKIPPED')),
    status_reason text,
    channel       text,
    delivery_id   uuid,
    created_at    timestamptz NOT NULL,
    updated_at    timestamptz NOT NULL
);
CREATE INDEX message_due ON message (scheduled_for) WHERE status = 'PLANNED';
CREATE INDEX message_patient ON message (patient_id, scheduled_for);
CREATE INDEX message_delivery ON message (delivery_id);
CREATE INDEX message_session ON message (session_id) WHERE session_id IS NOT NULL;

-- one communication to the patient, carrying one or more planned messages
CREATE TABLE delivery (
    delivery_id      uuid PRIMARY KEY,
    patient_id       uuid NOT NULL,
    channel          text NOT NULL CHECK (channel IN ('SMS', 'EMAIL')),
    channels_tried   text[] NOT NULL DEFAULT '{}',
    attempt          integer NOT NULL DEFAULT 1,
    status           text NOT NULL CHECK (status IN ('SENDING', 'RETRY', 'SENT', 'DELIVERED', 'UNDELIVERABLE',
                                                     'CANCELLED')),
    lease_until      timestamptz,
    -- which claim holds it: a dispatcher whose lease ran out cannot record over a newer claim
    claim_id         uuid,
    next_attempt_at  timestamptz,
    counts_to_budget boolean NOT NULL,
    local_day        date NOT NULL,
    provider_id      text,
    last_error       text,
    created_at       timestamptz NOT NULL,
    sent_at          timestamptz
);
CREATE INDEX delivery_work ON delivery (next_attempt_at) WHERE status IN ('SENDING', 'RETRY');
CREATE INDEX delivery_budget ON delivery (patient_id, local_day) WHERE channel = 'SMS' AND counts_to_budget;

CREATE TABLE delivery_attempt (
    delivery_id uuid NOT NULL REFERENCES delivery (delivery_id),
    attempt     integer NOT NULL,
    channel     text NOT NULL,
    outcome     text NOT NULL,
    detail      text,
    at          timestamptz NOT NULL
);
CREATE INDEX delivery_attempt_delivery ON delivery_attempt (delivery_id);

CREATE TABLE alert (
    alert_id        uuid PRIMARY KEY,
    patient_id      uuid NOT NULL,
    check_in_id     uuid,
    severity        text NOT NULL CHECK (severity IN ('URGENT', 'REVIEW')),
    reason          text NOT NULL,
    reasons         text[] NOT NULL,
    origin          text NOT NULL UNIQUE,
    created_at      timestamptz NOT NULL,
    acknowledge_by  timestamptz NOT NULL,
    status          text NOT NULL CHECK (status IN ('OPEN', 'ACKNOWLEDGED')),
    acknowledged_at timestamptz,
    acknowledged_by text,
    note            text
);
CREATE INDEX alert_open ON alert (severity, created_at) WHERE status = 'OPEN';

CREATE TABLE staff_task (
    task_id      uuid PRIMARY KEY,
    patient_id   uuid,
    kind         text NOT NULL,
    detail       text NOT NULL,
    origin       text NOT NULL UNIQUE,
    created_at   timestamptz NOT NULL,
    status       text NOT NULL CHECK (status IN ('OPEN', 'DONE')),
    done_at      timestamptz,
    done_by      text
);
