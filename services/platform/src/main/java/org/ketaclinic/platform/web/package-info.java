/**
 * HTTP conventions: RFC 9457 problem details naming each bad field, Idempotency-Key
 * replay, and the trace context of each request.
 */
package org.ketaclinic.platform.web;
