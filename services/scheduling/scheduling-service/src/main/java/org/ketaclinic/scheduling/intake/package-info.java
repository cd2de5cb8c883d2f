/**
 * The anti-corruption layer towards intake: a patient's consent to treatment is kept
 * here.
 */
package org.ketaclinic.scheduling.intake;
