/**
 * The clinician's side: the review queue and signing decisions.
 */
package org.ketaclinic.screening.review;
