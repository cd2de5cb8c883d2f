/**
 * Secrets that fail closed: a service outside the local profile does not start with a
 * missing or local-only secret.
 */
package org.ketaclinic.platform.secrets;
