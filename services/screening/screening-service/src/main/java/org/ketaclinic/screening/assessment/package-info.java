/**
 * Assessments: applying the criteria to each version of an intake, storing the explained
 * result, and telling the platform (ScreeningAssessed, UrgentReviewRequested).
 */
package org.ketaclinic.screening.assessment;
