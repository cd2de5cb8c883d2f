package org.ketaclinic.platform.security;

/** The staff roles of the platform, as they appear in the roles claim of a token. */
public final class Roles {

	public static final String FRONT_DESK = "FRONT_DESK";

	public static final String CLINICIAN = "CLINICIAN";

	public static final String ADMIN = "ADMIN";

	private Roles() {
	}

}
