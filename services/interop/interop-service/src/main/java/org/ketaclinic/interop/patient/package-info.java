/**
 * Who each patient is, from intake's events: names and birth date from its interop topic,
 * phone and email from its patients topic; served as the FHIR {@code Patient} (ADR 18).
 */
package org.ketaclinic.interop.patient;
