/**
 * Possible duplicate patients, flagged for staff to decide; never merged silently.
 */
package org.ketaclinic.intake.duplicate;
