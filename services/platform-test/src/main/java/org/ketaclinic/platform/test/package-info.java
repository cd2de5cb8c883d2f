/**
 * Test support: one real PostgreSQL and one real Kafka broker per test JVM, a database
 * per test class, and signed tokens for each role.
 */
package org.ketaclinic.platform.test;
