/**
 * The one-command local stack: a launcher that starts PostgreSQL, Kafka, the dev identity
 * provider, the services and the gateway as separate processes, waits until all are
 * healthy, and stops them all on exit.
 */
package org.ketaclinic.local;
