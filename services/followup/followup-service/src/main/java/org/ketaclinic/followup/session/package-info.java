/**
 * Follow-up's copy of the plans and sessions scheduling announced: what reminders and the
 * check-in cadence are counted from.
 */
package org.ketaclinic.followup.session;
