package org.ketaclinic.platform.web;

/**
 * One invalid input field.
 *
 * @param field the JSON path of the field, e.g. {@code clinical.systolicBp} or
 * {@code phq9Items[3]}
 * @param message what is wrong, in words a member of staff understands
 */
public record FieldError(String field, String message) {

}
