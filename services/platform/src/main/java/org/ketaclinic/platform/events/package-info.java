/**
 * The CloudEvents 1.0 envelope in Kafka binary mode, JSON Schema checks and W3C trace
 * context.
 */
package org.ketaclinic.platform.events;
