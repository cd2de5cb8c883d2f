/**
 * The PHQ-9 and C-SSRS screener answers of each intake, from intake's interop topic;
 * served as FHIR {@code QuestionnaireResponse}s (ADR 18).
 */
package org.ketaclinic.interop.answers;
