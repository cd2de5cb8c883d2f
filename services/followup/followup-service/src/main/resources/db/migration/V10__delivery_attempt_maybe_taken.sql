-- Issue 19 (safety review D1): whether a failed attempt may have left the message with the provider all the same
-- (a request that timed out, an SMTP connection lost after the content). A delivery waiting out a provider outage
-- moves to the patient's other channel only when no attempt on its channel may have been taken, so the patient
-- never gets the same message twice. Attempts recorded before this column: false, as they were treated.
ALTER TABLE delivery_attempt ADD COLUMN maybe_taken boolean NOT NULL DEFAULT false;
