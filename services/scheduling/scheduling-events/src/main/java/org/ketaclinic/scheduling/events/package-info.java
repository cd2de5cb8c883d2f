/**
 * The published language of the scheduling service: what other services may rely on.
 */
package org.ketaclinic.scheduling.events;
