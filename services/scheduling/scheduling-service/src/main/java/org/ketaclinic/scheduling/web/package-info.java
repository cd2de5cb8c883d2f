/**
 * The scheduling HTTP API under {@code /api/scheduling}: plans, proposals, bookings, the
 * day view and clinic set-up.
 */
package org.ketaclinic.scheduling.web;
