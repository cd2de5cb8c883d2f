/**
 * Referrals in: a completed intake form posted as a FHIR {@code QuestionnaireResponse}
 * becomes an intake submission through intake's own command (ADR 18).
 */
package org.ketaclinic.interop.referral;
