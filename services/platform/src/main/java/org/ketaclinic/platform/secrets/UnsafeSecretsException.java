package org.ketaclinic.platform.secrets;

import java.util.List;

/** One or more secrets are missing or local-only outside the local profile. */
public class UnsafeSecretsException extends IllegalStateException {

	private final List<String> problems;

	public UnsafeSecretsException(List<String> problems) {
		super("Refusing to start with missing or local-only secrets: " + String.join("; ", problems));
		this.problems = List.copyOf(problems);
	}

	/** Each secret with what is wrong with it (never its value). */
	public List<String> problems() {
		return this.problems;
	}

}
