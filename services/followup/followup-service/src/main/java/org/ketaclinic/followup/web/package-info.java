/**
 * Follow-up's HTTP API: patients' messages and PHQ-9 history, extra check-ins, the alerts
 * inbox, front-desk tasks, the patient's check-in page and answers, and the SMS
 * provider's inbound webhook.
 */
package org.ketaclinic.followup.web;
