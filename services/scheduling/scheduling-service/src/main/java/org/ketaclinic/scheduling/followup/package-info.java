/**
 * The anti-corruption layer towards follow-up: relapse risks become booster proposals
 * here.
 */
package org.ketaclinic.scheduling.followup;
