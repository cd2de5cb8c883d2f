/**
 * The published language of the screening service: what other services may rely on.
 */
package org.ketaclinic.screening.events;
