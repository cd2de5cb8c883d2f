-- Urgent findings page a person (issue 17): where an alert came from, how far its paging has escalated and when
-- it escalates next (the escalation loop's state, so it survives restarts), the on-call roster, and each page sent.

ALTER TABLE alert ADD COLUMN source text NOT NULL DEFAULT 'CHECK_IN'
    CHECK (source IN ('SCREENING', 'CHECK_IN', 'PRE_DOSE', 'SMS_REPLY'));
ALTER TABLE alert ADD COLUMN location_id uuid;
-- 0 = not paged yet; 1 = primary, 2 = backup, 3 = every clinician; NULL for alerts that page nobody (REVIEW)
ALTER TABLE alert ADD COLUMN paging_level integer;
-- when the next escalation is due; NULL once acknowledged or after the last level
ALTER TABLE alert ADD COLUMN next_escalation_at timestamptz;
CREATE INDEX alert_escalation ON alert (next_escalation_at) WHERE status = 'OPEN' AND next_escalation_at IS NOT NULL;

CREATE TABLE on_call (
    entry_id    uuid PRIMARY KEY,
    -- NULL: clinic-wide
    location_id uuid,
    role        text NOT NULL CHECK (role IN ('PRIMARY', 'BACKUP', 'CLINICIAN')),
    name        text NOT NULL,
    phone       text NOT NULL,
    from_at     timestamptz,
    until_at    timestamptz,
    created_at  timestamptz NOT NULL,
    created_by  text NOT NULL,
    -- removed entries stay for the record of who was paged; a removed seed entry is not seeded again
    removed_at  timestamptz,
    removed_by  text,
    CHECK (from_at IS NULL OR until_at IS NULL OR from_at < until_at)
);
CREATE INDEX on_call_active ON on_call (role) WHERE removed_at IS NULL;

CREATE TABLE page (
    page_id         uuid PRIMARY KEY,
    alert_id        uuid NOT NULL REFERENCES alert (alert_id),
    level           integer NOT NULL,
    role            text NOT NULL,
    entry_id        uuid NOT NULL REFERENCES on_call (entry_id),
    -- the text that carries it, through the dispatcher's leased, idempotent SMS delivery
    message_id      uuid NOT NULL REFERENCES message (message_id),
    created_at      timestamptz NOT NULL,
    acknowledged_at timestamptz,
    UNIQUE (alert_id, level, entry_id)
);
CREATE INDEX page_alert ON page (alert_id);
CREATE INDEX page_message ON page (message_id);
