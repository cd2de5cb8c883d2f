-- ADR 12: the on-call roster belongs to a clinic. An urgent alert pages its own clinic's people only (a location's
-- entries, else the clinic-wide ones), and administrators see and change their clinics' roster only. Entries written
-- before clinics belong to the deployment's single clinic, 'main'.
ALTER TABLE on_call ADD COLUMN clinic_id text NOT NULL DEFAULT 'main';
ALTER TABLE on_call ALTER COLUMN clinic_id DROP DEFAULT;
DROP INDEX on_call_active;
CREATE INDEX on_call_active ON on_call (clinic_id, role) WHERE removed_at IS NULL;
