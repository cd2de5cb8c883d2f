-- A copy of the tables the intake transaction writes, in a schema of their own inside the intake database
-- (same server, same durability settings), so pgbench's rows never reach the outbox relay or Kafka.
DROP SCHEMA IF EXISTS bench CASCADE;
CREATE SCHEMA bench;
CREATE TABLE bench.patient (LIKE public.patient INCLUDING ALL);
CREATE TABLE bench.consent (LIKE public.consent INCLUDING ALL);
ALTER TABLE bench.consent ADD FOREIGN KEY (patient_id) REFERENCES bench.patient (id);
CREATE TABLE bench.submission (LIKE public.submission INCLUDING ALL);
ALTER TABLE bench.submission ADD FOREIGN KEY (patient_id) REFERENCES bench.patient (id);
CREATE TABLE bench.submission_version (LIKE public.submission_version INCLUDING ALL);
ALTER TABLE bench.submission_version ADD FOREIGN KEY (submission_id) REFERENCES bench.submission (id);
CREATE TABLE bench.outbox_event (LIKE public.outbox_event INCLUDING ALL);
CREATE TRIGGER outbox_event_notify AFTER INSERT ON bench.outbox_event
	FOR EACH STATEMENT EXECUTE FUNCTION public.outbox_event_notify();
CREATE TABLE bench.audit_event (LIKE public.audit_event INCLUDING ALL);
CREATE TABLE bench.idempotency_record (LIKE public.idempotency_record INCLUDING ALL);
-- literals with colons, which pgbench would take for variables in the script
CREATE FUNCTION bench.scope() RETURNS text IMMUTABLE LANGUAGE sql AS $$ SELECT 'user:frontdesk-cli' $$;
CREATE FUNCTION bench.schema_uri() RETURNS text IMMUTABLE LANGUAGE sql AS $$ SELECT 'urn:ketaclinic:schema:intake:IntakeSubmitted:v1' $$;
CREATE FUNCTION bench.clinical() RETURNS jsonb IMMUTABLE LANGUAGE sql AS $$ SELECT '{"ageYears":42,"pregnancyStatus":"NOT_PREGNANT","breastfeeding":false,"primaryDiagnosis":"MDD","failedAdequateTrialsCurrentEpisode":3,"systolicBp":124,"diastolicBp":78,"heartRate":72,"aneurysmalVascularDisease":false,"arteriovenousMalformation":false,"intracerebralHemorrhageHistory":false,"ketamineHypersensitivity":false,"cardiovascularStatus":"NONE","hypertensiveEncephalopathyHistory":false,"raisedIntracranialPressureRisk":false,"glaucomaOrRaisedIntraocularPressure":false,"hepaticImpairment":"NONE","significantRespiratoryDiseaseOrOSA":false,"urinaryTractOrCystitisHistory":false,"currentPsychoticSymptoms":false,"primaryPsychoticDisorder":false,"pastPsychoticSymptoms":false,"currentManiaOrHypomania":false,"substanceUseDisorderStatus":"NONE","ketaminePcpUse":"NONE","cognitiveStatus":"NORMAL","capacityToConsent":true,"phq9Total":18,"phq9Item9":0,"cssrs":{"q1WishDead":false,"q2ActiveThoughts":false,"q6BehaviorLifetime":false},"medicationClasses":["SSRI"],"benzodiazepineDiazepamEqMgPerDay":0}'::jsonb $$;
CREATE FUNCTION bench.event_data(sid uuid, pid uuid) RETURNS text IMMUTABLE LANGUAGE sql AS $$
	SELECT '{"submissionId":"' || sid || '","patientId":"' || pid || '","version":1,"clinical":{"ageYears":42,"phq9Total":18,"phq9Item9":0,"systolicBp":124,"diastolicBp":78,"medicationClasses":["SSRI"]},"contact":{"preferredChannel":"EMAIL","timeZone":"Europe/London"}}' $$;
