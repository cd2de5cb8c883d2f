/**
 * The published language of the intake service: what other services may rely on.
 */
package org.ketaclinic.intake.events;
