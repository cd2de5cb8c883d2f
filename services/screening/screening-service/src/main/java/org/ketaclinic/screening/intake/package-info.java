/**
 * The anti-corruption layer towards intake: its events become assessments here.
 */
package org.ketaclinic.screening.intake;
