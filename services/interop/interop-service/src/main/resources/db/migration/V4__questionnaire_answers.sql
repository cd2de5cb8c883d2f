-- The PHQ-9 and C-SSRS screener answers of each intake submission (its latest version), for the FHIR
-- QuestionnaireResponses (ADR 18), from intake's interop topic (IntakeQuestionnairesAnswered). Nothing else of
-- the clinical section reaches this service.
CREATE TABLE questionnaire_answers (
    submission_id   uuid PRIMARY KEY,
    patient_id      uuid NOT NULL,
    clinic_id       text NOT NULL,
    version         integer NOT NULL,         -- the submission's version these answers are of
    phq9_items      integer[],                -- the nine answers, 0 to 3, when given item by item
    phq9_total      integer CHECK (phq9_total BETWEEN 0 AND 27),
    phq9_item9      integer CHECK (phq9_item9 BETWEEN 0 AND 3),
    cssrs           jsonb,                    -- the screener's answers by question, null when not administered
    amended         boolean NOT NULL,         -- a later version replaced the first one recorded
    answered_at     timestamptz NOT NULL,     -- when first answered (QuestionnaireResponse.authored)
    updated_at      timestamptz NOT NULL
);
CREATE INDEX questionnaire_answers_patient ON questionnaire_answers (patient_id, answered_at);
