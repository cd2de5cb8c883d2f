-- Safety review of issue 17.
-- A crisis text from a number no patient has is answered with the crisis resources: a message (and its delivery)
-- may have no patient.
ALTER TABLE message ALTER COLUMN patient_id DROP NOT NULL;
ALTER TABLE delivery ALTER COLUMN patient_id DROP NOT NULL;
-- An urgent task comes first in the list (nobody on call could be paged; a crisis text from an unknown number).
ALTER TABLE staff_task ADD COLUMN urgent boolean NOT NULL DEFAULT false;
-- Since when nobody on call could be paged for this urgent alert; NULL once a page is planned.
ALTER TABLE alert ADD COLUMN unpaged_since timestamptz;
