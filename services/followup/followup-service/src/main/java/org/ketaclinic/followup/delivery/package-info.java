/**
 * Sends planned messages: a dispatcher claims due ones with
 * {@code FOR UPDATE SKIP LOCKED}, applies consent, quiet hours and the SMS budget, sends
 * by email (SMTP) or SMS (the provider's HTTP API) with an idempotency key, retries with
 * backoff, falls back to the other channel, and finally reports the message undeliverable
 * with a staff task. A provider outage is not the message's fault: it is waited out on
 * the same channel, and shown by {@link org.ketaclinic.followup.delivery.ChannelStates}.
 */
package org.ketaclinic.followup.delivery;
