/**
 * The followup service: reminders, check-ins, relapse and safety alerts.
 */
package org.ketaclinic.followup;
