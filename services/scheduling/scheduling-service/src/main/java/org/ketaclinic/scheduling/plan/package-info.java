/**
 * Treatment plans: made from approvals, holding the series to book.
 */
package org.ketaclinic.scheduling.plan;
