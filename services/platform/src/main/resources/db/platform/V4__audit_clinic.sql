-- Clinic scoping (ADR 12): an audit entry about a patient names the patient's clinic, so an administrator reads
-- the entries of their own clinics only. An entry that names a clinic is hashed in the second canonical form
-- (v2, see AuditChain), which includes the clinic; entries before this migration keep the first and verify as
-- before.
ALTER TABLE audit_event ADD COLUMN clinic_id text;

COMMENT ON COLUMN audit_event.clinic_id IS 'clinic of the patient concerned (ADR 12), null for entries of no clinic';

CREATE INDEX audit_event_clinic ON audit_event (clinic_id, occurred_at DESC);
