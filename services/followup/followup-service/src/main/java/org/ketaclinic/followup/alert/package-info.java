/**
 * What needs a person: clinician alerts (urgent first, each with an acknowledgement
 * deadline) and front-desk tasks (a patient no channel reached, a reply to read).
 */
package org.ketaclinic.followup.alert;
