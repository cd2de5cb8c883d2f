-- Issue 19: follow-up keeps the last version of scheduling's session and plan events it applied, and applies an event
-- only when its version is newer (a SessionBooked replayed after its SessionCancelled never brings the session back).
-- 0: none applied yet, or only events from before versions.
ALTER TABLE session ADD COLUMN version bigint NOT NULL DEFAULT 0;
ALTER TABLE plan ADD COLUMN version bigint NOT NULL DEFAULT 0;

-- The version of each alert follow-up raises: 1 when raised, one more when acknowledged; its events carry it
-- (alertVersion) so scheduling's hold follows only newer state.
ALTER TABLE alert ADD COLUMN version bigint NOT NULL DEFAULT 1;
