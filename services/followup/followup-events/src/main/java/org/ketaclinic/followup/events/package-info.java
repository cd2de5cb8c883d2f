/**
 * The published language of the followup service: what other services may rely on.
 */
package org.ketaclinic.followup.events;
