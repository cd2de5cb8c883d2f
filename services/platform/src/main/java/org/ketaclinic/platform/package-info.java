/**
 * The shared runtime every KetaClinic service builds on: reliable messaging, HTTP error
 * and idempotency conventions, and security defaults, wired by Spring Boot
 * auto-configuration.
 */
package org.ketaclinic.platform;
