/**
 * Patients' SMS replies, as the provider's inbound webhook delivers them: opt-out and
 * opt-in, appointment confirmation, and anything else for the front desk to read.
 */
package org.ketaclinic.followup.inbound;
