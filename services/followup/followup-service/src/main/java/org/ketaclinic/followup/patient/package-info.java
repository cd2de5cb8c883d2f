/**
 * Follow-up's copy of each patient's contact, channel preference, time zone and consents,
 * kept from {@code PatientContactChanged}, with the baseline PHQ-9 from the intake and
 * the patient's SMS opt-out.
 */
package org.ketaclinic.followup.patient;
