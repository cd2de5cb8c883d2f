/**
 * The screening HTTP API under {@code /api/screening}, for clinicians.
 */
package org.ketaclinic.screening.web;
