/**
 * The follow-up rules as plain Java: when reminders and check-ins are due, quiet hours,
 * the SMS budget, how replies are read, and how check-in answers are judged against
 * clinical-criteria.md §5. No Spring, no database: every rule is unit-tested on its own.
 */
package org.ketaclinic.followup.policy;
