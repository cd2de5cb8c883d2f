-- The rows one intake submission writes, statement for statement as the service issues them
-- (IdempotencyKeyFilter, Patients, Submissions, JdbcOutbox, AuditLog), in one transaction.
-- Run with -M prepared and search_path=bench. Literals with a colon come from functions in schema.sql: pgbench
-- would read ":name" inside them as a variable.
BEGIN;
SELECT gen_random_uuid() AS pid, gen_random_uuid() AS sid, gen_random_uuid() AS eid, gen_random_uuid() AS ikey \gset
INSERT INTO idempotency_record (scope, idempotency_key, request_hash) VALUES (bench.scope(), :ikey::text, md5(:ikey::text))
	ON CONFLICT DO NOTHING;
INSERT INTO patient (id, given_name, family_name, date_of_birth, phone, email, preferred_channel, time_zone, created_at, updated_at)
	VALUES (:pid::uuid, 'Load', 'Bench' || :ikey::text, date '1984-10-01', NULL, 'load.' || :ikey::text || '@example.org', 'EMAIL', 'Europe/London', now(), now());
INSERT INTO consent (patient_id, kind, granted, text_version, captured_by, captured_at) VALUES (:pid::uuid, 'TREATMENT', true, '2026-01', 'frontdesk-cli', now());
INSERT INTO consent (patient_id, kind, granted, text_version, captured_by, captured_at) VALUES (:pid::uuid, 'SMS', false, '2026-01', 'frontdesk-cli', now());
INSERT INTO consent (patient_id, kind, granted, text_version, captured_by, captured_at) VALUES (:pid::uuid, 'EMAIL', true, '2026-01', 'frontdesk-cli', now());
SELECT id, (lower(given_name) = lower('Load') AND lower(family_name) = lower('Bench' || :ikey::text) AND date_of_birth = date '1984-10-01') AS same_identity,
	(phone IS NOT NULL AND phone = NULL) AS same_phone,
	(email IS NOT NULL AND lower(email) = lower('load.' || :ikey::text || '@example.org')) AS same_email
	FROM patient WHERE id <> :pid::uuid AND (
		(lower(given_name) = lower('Load') AND lower(family_name) = lower('Bench' || :ikey::text) AND date_of_birth = date '1984-10-01')
		OR (phone IS NOT NULL AND phone = NULL)
		OR (email IS NOT NULL AND lower(email) = lower('load.' || :ikey::text || '@example.org')))
	ORDER BY created_at;
INSERT INTO submission (id, patient_id, status, current_version, created_at, created_by, submitted_at)
	VALUES (:sid::uuid, :pid::uuid, 'SUBMITTED', 1, now(), 'frontdesk-cli', now());
INSERT INTO submission_version (submission_id, version, clinical, recorded_at, recorded_by, reason)
	VALUES (:sid::uuid, 1, bench.clinical(),
	now(), 'frontdesk-cli', NULL);
UPDATE submission SET current_version = 1 WHERE id = :sid::uuid;
INSERT INTO outbox_event (event_id, topic, message_key, type, source, subject, occurred_at, data_schema, data, traceparent, correlation_id)
	VALUES (:eid::text, 'ketaclinic.intake.events', :pid::text, 'org.ketaclinic.intake.IntakeSubmitted.v1', '/ketaclinic/intake', 'submission/' || :sid::text, now(),
	bench.schema_uri(), bench.event_data(:sid::uuid, :pid::uuid),
	'00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01', 'load-bench');
-- the audit entry is appended to the hash chain as AuditLog does (ADR 10): the chain lock, the head, the insert
SELECT pg_advisory_xact_lock(5423250210757891121);
INSERT INTO audit_event (actor, roles, patient_id, action, resource, correlation_id, prev_hash, hash)
	SELECT 'frontdesk-cli', 'FRONT_DESK', :pid::uuid, 'SUBMISSION_CREATED', 'submission/' || :sid::text, 'load-bench',
		head.hash, encode(sha256(convert_to(coalesce(head.hash, '-') || :sid::text, 'UTF8')), 'hex')
	FROM (SELECT (SELECT hash FROM audit_event ORDER BY id DESC LIMIT 1) AS hash) head;
UPDATE idempotency_record SET response_status = 201, content_type = 'application/json', location = '/api/intake/submissions/' || :sid::text,
	body = convert_to('{"submissionId":"' || :sid::text || '","patientId":"' || :pid::text || '"}', 'UTF8')
	WHERE scope = bench.scope() AND idempotency_key = :ikey::text;
END;
