/**
 * The intake HTTP API under {@code /api/intake}: request and view records, and the
 * controllers that map them onto the use cases.
 */
package org.ketaclinic.intake.web;
