-- Location names are unique within a clinic, no longer across clinics (ADR 12): two clinics may each have a
-- "Main street". Within one clinic a name stays unique, exactly as spelt (as before); adding a location by a name
-- the clinic already has answers that location.
ALTER TABLE location DROP CONSTRAINT location_name_key;
ALTER TABLE location ADD CONSTRAINT location_clinic_name UNIQUE (clinic_id, name);
-- the unique constraint's index serves (clinic_id, name) look-ups and lists
DROP INDEX location_clinic;
