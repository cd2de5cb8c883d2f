-- Audit that holds up (ADR 10): the subject beside the display name, the outcome (refusals are audited too), and a
-- SHA-256 hash chain so a changed or deleted row is detected. The application (AuditLog) computes each row's hash
-- when it appends it; rows written before this migration are chained here with the same canonical form:
--
--   v1|<id>|<occurred_at, UTC, microseconds>|hex(actor)|hex(actor_name)|hex(roles)|<patient_id>|hex(action)|
--   hex(resource)|hex(correlation_id)|hex(outcome)|<prev_hash>
--
-- hex() is the hexadecimal of the UTF-8 bytes and '-' stands for null; hash = hex(sha256(canonical)).

ALTER TABLE audit_event
	ADD COLUMN actor_name text,
	ADD COLUMN outcome    text NOT NULL DEFAULT 'OK',
	ADD COLUMN prev_hash  text,
	ADD COLUMN hash       text;

COMMENT ON COLUMN audit_event.actor IS 'the token subject (sub) of the user or client, or anonymous';
COMMENT ON COLUMN audit_event.actor_name IS 'display name from the token (preferred_username or name), if any';
COMMENT ON COLUMN audit_event.outcome IS 'OK, or UNAUTHENTICATED (401) or FORBIDDEN (403) for a refused request';
COMMENT ON COLUMN audit_event.hash IS 'sha256 over the canonical row and prev_hash, see V3__audit_integrity.sql';

CREATE FUNCTION audit_event_hex(value text) RETURNS text
	LANGUAGE sql IMMUTABLE AS
$$
SELECT coalesce(encode(convert_to(value, 'UTF8'), 'hex'), '-')
$$;

ALTER TABLE audit_event DISABLE TRIGGER audit_event_append_only;

DO
$$
DECLARE
	entry    record;
	previous text := NULL;
	digest   text;
BEGIN
	FOR entry IN SELECT * FROM audit_event ORDER BY id LOOP
		digest := encode(sha256(convert_to(concat_ws('|', 'v1', entry.id::text,
				to_char(entry.occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
				audit_event_hex(entry.actor), audit_event_hex(entry.actor_name), audit_event_hex(entry.roles),
				coalesce(entry.patient_id::text, '-'), audit_event_hex(entry.action),
				audit_event_hex(entry.resource), audit_event_hex(entry.correlation_id),
				audit_event_hex(entry.outcome), coalesce(previous, '-')), 'UTF8')), 'hex');
		UPDATE audit_event SET prev_hash = previous, hash = digest WHERE id = entry.id;
		previous := digest;
	END LOOP;
END
$$;

ALTER TABLE audit_event ENABLE TRIGGER audit_event_append_only;

DROP FUNCTION audit_event_hex(text);

ALTER TABLE audit_event ALTER COLUMN hash SET NOT NULL;

CREATE INDEX audit_event_occurred ON audit_event (occurred_at);

-- Append-only, whoever asks: no UPDATE, DELETE or TRUNCATE, not even by the owner, unless a superuser switches
-- triggers off (session_replication_role), which the verification then exposes.
CREATE OR REPLACE FUNCTION audit_event_append_only() RETURNS trigger
	LANGUAGE plpgsql AS
$$
BEGIN
	RAISE EXCEPTION 'audit_event is append-only: % refused', TG_OP;
END
$$;

CREATE TRIGGER audit_event_no_truncate
	BEFORE TRUNCATE ON audit_event
	FOR EACH STATEMENT EXECUTE FUNCTION audit_event_append_only();

REVOKE UPDATE, DELETE, TRUNCATE ON audit_event FROM PUBLIC;

-- Where the database was prepared for it (infra/compose/postgres, docs/operations/security.md), a privileged
-- function hands the audit table to a role of its own and leaves the application role INSERT and SELECT only:
-- then the application cannot change, delete, truncate or unprotect its audit rows. Without it (tests, where the
-- application connects as a superuser) the triggers above are the guard.
DO
$$
BEGIN
	IF to_regprocedure('ketaclinic_seal_audit()') IS NOT NULL THEN
		PERFORM ketaclinic_seal_audit();
	END IF;
END
$$;
