-- Append-only record of every read or change of patient data: who, in which role, which patient, what, when,
-- under which correlation id. Never updated or deleted by the application; the trigger makes sure of it.
CREATE TABLE audit_event (
	id             bigserial PRIMARY KEY,
	occurred_at    timestamptz NOT NULL DEFAULT now(),
	actor          text        NOT NULL,
	roles          text        NOT NULL,
	patient_id     uuid,
	action         text        NOT NULL,
	resource       text        NOT NULL,
	correlation_id text
);

CREATE INDEX audit_event_patient ON audit_event (patient_id, occurred_at DESC);
CREATE INDEX audit_event_actor ON audit_event (actor, occurred_at DESC);

CREATE FUNCTION audit_event_append_only() RETURNS trigger
	LANGUAGE plpgsql AS
$$
BEGIN
	RAISE EXCEPTION 'audit_event is append-only';
END
$$;

CREATE TRIGGER audit_event_append_only
	BEFORE UPDATE OR DELETE ON audit_event
	FOR EACH ROW EXECUTE FUNCTION audit_event_append_only();
