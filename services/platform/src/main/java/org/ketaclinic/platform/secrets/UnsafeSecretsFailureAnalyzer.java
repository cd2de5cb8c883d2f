package org.ketaclinic.platform.secrets;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Explains a refused start in the terms an operator acts on. */
class UnsafeSecretsFailureAnalyzer extends AbstractFailureAnalyzer<UnsafeSecretsException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, UnsafeSecretsException cause) {
		return new FailureAnalysis(
				"The service will not run with these secrets:\n  - " + String.join("\n  - ", cause.problems()),
				"Set each one (a Kubernetes Secret, Compose's .env, or the environment variable named). The "
						+ "values shipped with the code serve only the local stack: SPRING_PROFILES_ACTIVE=local on a "
						+ "developer machine.",
				cause);
	}

}
