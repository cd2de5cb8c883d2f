-- Cancelling a check-in's link message at the end of a series looked the message up by check_in_id with a scan
-- of every message ever planned; the foreign key from message to check_in needed the same scan for each deleted
-- check-in (found by the 100,000-message dispatch benchmark, whose clean-up took minutes).
CREATE INDEX message_check_in ON message (check_in_id) WHERE check_in_id IS NOT NULL;
