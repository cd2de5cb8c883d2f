/**
 * The anti-corruption layer towards intake: a patient's consent to treatment is kept
 * here, heard on intake's patients topic (no clinical section).
 */
package org.ketaclinic.scheduling.intake;
