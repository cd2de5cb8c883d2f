/**
 * Every service is an OAuth2 resource server: JWTs checked, roles read from a claim,
 * health open, everything else closed unless an endpoint declares its roles.
 */
package org.ketaclinic.platform.security;
