/**
 * Schema management: the platform's own tables are migrated before each service's.
 */
package org.ketaclinic.platform.db;
