-- A pre-dose check counts only for the check-in it was taken under: a session that leaves CHECKED_IN other than by
-- its start (corrected back to booked or missed, cancelled, its plan stopped) or is rescheduled keeps the check for
-- the record but marks it void, and the start also requires a check recorded after the latest CHECKED_IN in the
-- status history.
ALTER TABLE session_record ADD COLUMN pre_dose_voided_at timestamptz;
ALTER TABLE session_record ADD COLUMN pre_dose_void_reason text;
