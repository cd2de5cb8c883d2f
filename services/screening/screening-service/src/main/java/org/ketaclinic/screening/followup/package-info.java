/**
 * The anti-corruption layer towards follow-up: relapse risks become re-reviews here.
 */
package org.ketaclinic.screening.followup;
