package org.ketaclinic.platform.secrets;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/** Registers the {@link SecretsGuard}, which runs before any other bean is created. */
@AutoConfiguration
public class SecretsConfiguration {

	@Bean
	static SecretsGuard secretsGuard(Environment environment) {
		return new SecretsGuard(environment);
	}

}
