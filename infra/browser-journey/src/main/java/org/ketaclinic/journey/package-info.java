/**
 * The browser journey: the pages of the gateway driven in headless Chromium.
 */
package org.ketaclinic.journey;
