/**
 * What screening knows of each patient's consent to treatment, which an approval needs.
 */
package org.ketaclinic.screening.consent;
