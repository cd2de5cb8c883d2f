/**
 * The anti-corruption layer towards screening: approvals become treatment plans here.
 */
package org.ketaclinic.scheduling.screening;
