/**
 * The transactional outbox: events recorded in the caller's database transaction and
 * published to Kafka by a single active relay, in commit order per key.
 */
package org.ketaclinic.platform.outbox;
