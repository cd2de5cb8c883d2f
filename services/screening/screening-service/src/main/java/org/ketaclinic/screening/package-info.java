/**
 * The screening service: suitability assessments, clinician decisions and the review
 * queue.
 */
package org.ketaclinic.screening;
