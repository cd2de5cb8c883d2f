/**
 * The waitlist: patients who want an earlier slot, offered freed slots in the order they
 * asked.
 */
package org.ketaclinic.scheduling.waitlist;
