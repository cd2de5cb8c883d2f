/**
 * Planned messages: booking confirmations and reminders from scheduling's events,
 * check-in links, and replies to patients' texts, each at its instant in the patient's
 * time zone.
 */
package org.ketaclinic.followup.message;
