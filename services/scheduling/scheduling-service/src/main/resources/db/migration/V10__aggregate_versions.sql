-- Issue 19: every change of a session or a plan increments its version in the transaction that writes the outbox row,
-- and the event carries it (sessionVersion, planVersion), so consumers apply only newer state. Rows from before
-- versions start at 1; their earlier events carried none.
ALTER TABLE session ADD COLUMN version bigint NOT NULL DEFAULT 1;
ALTER TABLE treatment_plan ADD COLUMN version bigint NOT NULL DEFAULT 1;

-- The last alertVersion of follow-up's UrgentAlertRaised/UrgentAlertAcknowledged applied here; 0 when none carried one.
-- A replayed raise older than the acknowledgement never re-opens the hold.
ALTER TABLE urgent_alert ADD COLUMN version bigint NOT NULL DEFAULT 0;
