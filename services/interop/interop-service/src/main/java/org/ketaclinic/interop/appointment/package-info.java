/**
 * Each session of each patient's plan, from scheduling's events; served as the FHIR
 * {@code Appointment} (ADR 18).
 */
package org.ketaclinic.interop.appointment;
