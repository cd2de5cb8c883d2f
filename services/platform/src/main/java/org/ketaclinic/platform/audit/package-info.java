/**
 * The append-only audit log of access to patient data, and its administrator view.
 */
package org.ketaclinic.platform.audit;
