/**
 * Clinic set-up: locations with their time zone, opening hours and closures, chairs, and
 * staff with their working hours; and the pure-Java rules of when a session fits.
 */
package org.ketaclinic.scheduling.clinic;
