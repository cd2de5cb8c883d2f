#!/bin/sh
# One database and one role per service; each service owns its schema (Flyway). Runs once, on an
# empty data volume, with the passwords from the environment.
#
# The audit log (ADR 10) is append-only for the service's role: a role of its own, <service>_audit (no
# login), takes over audit_event when the service's platform migration V3 calls ketaclinic_seal_audit(),
# which leaves the service's role SELECT and INSERT only; an event trigger refuses to drop the table. The
# same SQL (the second block) prepares a database anywhere else: run it as a superuser in each service's
# database before the service first starts (docs/operations/security.md).
set -eu
for service in intake screening scheduling followup; do
  password_var=$(echo "${service}_DB_PASSWORD" | tr '[:lower:]' '[:upper:]')
  eval "password=\${$password_var}"
  psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres \
    -v role="$service" -v audit="${service}_audit" -v password="$password" <<'SQL'
CREATE ROLE :"role" LOGIN PASSWORD :'password';
CREATE ROLE :"audit" NOLOGIN;
CREATE DATABASE :"role" OWNER :"role";
REVOKE ALL ON DATABASE :"role" FROM PUBLIC;
SQL
  psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$service" -v role="$service" <<'SQL'
-- Called by the service's migration once audit_event exists; runs as its owner, a superuser. The database
-- is named after the service's role, and the audit role after both.
CREATE FUNCTION public.ketaclinic_seal_audit() RETURNS void
	LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS
$$
DECLARE
	app   text := current_database();
	owner text := current_database() || '_audit';
BEGIN
	EXECUTE format('ALTER TABLE public.audit_event OWNER TO %I', owner);
	EXECUTE format('REVOKE ALL ON TABLE public.audit_event FROM %I', app);
	EXECUTE format('GRANT SELECT, INSERT ON TABLE public.audit_event TO %I', app);
	EXECUTE format('GRANT USAGE ON SEQUENCE public.audit_event_id_seq TO %I', app);
END
$$;
REVOKE ALL ON FUNCTION public.ketaclinic_seal_audit() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION public.ketaclinic_seal_audit() TO :"role";

-- The owner of the schema may drop any table in it; not this one.
CREATE FUNCTION public.ketaclinic_keep_audit() RETURNS event_trigger
	LANGUAGE plpgsql AS
$$
BEGIN
	IF EXISTS (SELECT 1 FROM pg_event_trigger_dropped_objects()
			WHERE object_type = 'table' AND object_identity = 'public.audit_event') THEN
		RAISE EXCEPTION 'audit_event cannot be dropped';
	END IF;
END
$$;
CREATE EVENT TRIGGER ketaclinic_keep_audit ON sql_drop EXECUTE FUNCTION public.ketaclinic_keep_audit();
SQL
done
