-- Clinic scoping (ADR 12) of Idempotency-Key replays: a record keeps the clinics its caller worked for when the
-- command ran, and is replayed only to a caller who still works for all of them (IdempotencyKeyFilter). Otherwise a
-- user removed from a clinic could read, within the retention, the ids another clinic's command answered.
-- Records written before this migration have no clinics (null): they are not replayed (409) but expire as before.
ALTER TABLE idempotency_record ADD COLUMN clinics text[];

COMMENT ON COLUMN idempotency_record.clinics IS
	'the caller''s clinics when the command ran (ADR 12); replayed only while the caller still has all of them';
