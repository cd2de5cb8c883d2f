/**
 * The gateway: the single entry point for browsers and API clients.
 */
package org.ketaclinic.gateway;
