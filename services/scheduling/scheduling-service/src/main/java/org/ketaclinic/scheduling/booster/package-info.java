/**
 * Boosters: proposals raised by relapse risks, approved or declined by clinicians; and
 * the waitlist.
 */
package org.ketaclinic.scheduling.booster;
