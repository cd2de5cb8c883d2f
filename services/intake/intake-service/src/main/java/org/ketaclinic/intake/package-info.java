/**
 * The intake service: patients, contact and consent, and intake submissions.
 */
package org.ketaclinic.intake;
