/**
 * The dev identity provider of the local stack: OpenID Connect, script clients and demo
 * users. Never for production, where the services and gateway point {@code issuer-uri} at
 * the clinic's own provider.
 */
package org.ketaclinic.idp;
