/**
 * What follow-up hears: contacts and baselines from intake, plans and sessions from
 * scheduling.
 */
package org.ketaclinic.followup.listener;
