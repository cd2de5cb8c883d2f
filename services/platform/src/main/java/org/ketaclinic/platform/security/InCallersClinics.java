package org.ketaclinic.platform.security;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a repository or service method that reads or changes only rows of the current
 * caller's clinics: it filters by {@link ClinicScope} in its own SQL (ADR 12), so a row
 * of another clinic is not found, as an unknown one. A service's architecture test lets
 * its staff endpoints reach patient rows only through such methods, or through methods
 * that take the caller's clinics as a {@code String[]}; each service's
 * {@code ClinicScopingIT} proves what the mark claims.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface InCallersClinics {

}
