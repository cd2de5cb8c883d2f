/**
 * Treatment protocols (clinical-criteria.md §4) as typed configuration, and the series
 * rules they imply, in plain Java.
 */
package org.ketaclinic.scheduling.protocol;
