/**
 * Intake submissions: taking in a referral, its clinical section and every amendment, and
 * withdrawal.
 */
package org.ketaclinic.intake.submission;
