-- One row per session, for the FHIR Appointment (ADR 18), from scheduling's session events. The session's
-- version (issue 19) orders the changes: an older one never replaces a newer status, but it may still fill in
-- a time or chair that a newer event did not carry (events arrive in order per patient, so this is only for
-- replays).
CREATE TABLE appointment (
    session_id          uuid PRIMARY KEY,         -- the Appointment's id
    patient_id          uuid NOT NULL,
    clinic_id           text NOT NULL,
    plan_id             uuid,
    sequence            integer,                  -- the session's place in its series
    protocol            text,
    location_id         uuid,
    chair_id            uuid,
    starts_at           timestamptz,
    ends_at             timestamptz,
    time_zone           text,
    status              text NOT NULL CHECK (status IN ('BOOKED', 'CHECKED_IN', 'IN_PROGRESS', 'COMPLETED',
                                                        'CANCELLED', 'MISSED')),
    cancellation_reason text,
    session_version     bigint,                   -- the last applied event's, null for events before versions
    updated_at          timestamptz NOT NULL
);
CREATE INDEX appointment_patient ON appointment (patient_id, starts_at);
