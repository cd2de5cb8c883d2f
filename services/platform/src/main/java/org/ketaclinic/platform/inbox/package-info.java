/**
 * Consuming events: the idempotent inbox, retries with back-off, dead-letter topics and
 * their replay.
 */
package org.ketaclinic.platform.inbox;
