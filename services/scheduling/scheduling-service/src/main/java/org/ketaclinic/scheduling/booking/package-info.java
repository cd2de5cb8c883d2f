/**
 * Booking sessions into chairs and staff time, atomically and without double booking, and
 * finding time for whole series.
 */
package org.ketaclinic.scheduling.booking;
