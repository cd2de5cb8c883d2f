/**
 * The scheduling service: locations, chairs, staff time, treatment plans and sessions.
 */
package org.ketaclinic.scheduling;
