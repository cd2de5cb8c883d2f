/**
 * Session records: the pre-dose blood-pressure gate, and what was given and observed,
 * recorded by clinicians.
 */
package org.ketaclinic.scheduling.record;
