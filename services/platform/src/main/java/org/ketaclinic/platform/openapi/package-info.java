/**
 * Each service's OpenAPI document (springdoc), with the roles every operation serves, so
 * the gateway can gather them on one page and the authorization matrix test can check
 * every route against them.
 */
package org.ketaclinic.platform.openapi;
