/**
 * Patients: identity, contact details, messaging preferences and consents.
 */
package org.ketaclinic.intake.patient;
