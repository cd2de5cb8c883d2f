/**
 * What holds a patient's dosing: consent, open urgent findings and alerts, positive
 * pre-dose checks, a stopped plan; and the settings of the safety checks.
 */
package org.ketaclinic.scheduling.safety;
