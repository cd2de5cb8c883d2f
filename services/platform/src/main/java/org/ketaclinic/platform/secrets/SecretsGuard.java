package org.ketaclinic.platform.secrets;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.Ordered;
import org.springframework.core.PriorityOrdered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;

/**
 * Stops a service at start, before it opens a connection or takes a request, when one of
 * its secrets ({@code ketaclinic.secrets.required}: the database password, link and
 * webhook secrets, provider credentials) is missing or still a value that ships with the
 * code for the local stack. Only the local profile ({@code SPRING_PROFILES_ACTIVE=local},
 * which sets {@code ketaclinic.secrets.local-defaults-allowed}) and the test
 * infrastructure run with those values.
 */
public class SecretsGuard implements BeanFactoryPostProcessor, PriorityOrdered {

	/** Values that ship with the code or its examples: never a real secret. */
	private static final Set<String> SHIPPED = Set.of("ketaclinic", "password", "secret", "changeme", "admin",
			"postgres", "gateway-secret", "frontdesk-cli-secret", "clinician-cli-secret", "admin-cli-secret");

	private final Environment environment;

	public SecretsGuard(Environment environment) {
		this.environment = environment;
	}

	@Override
	public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
		check(this.environment);
	}

	/**
	 * Checks the secrets this environment requires.
	 * @throws UnsafeSecretsException naming every missing or local-only secret
	 */
	public static void check(Environment environment) {
		if (environment.getProperty("ketaclinic.secrets.local-defaults-allowed", Boolean.class, false)) {
			return;
		}
		List<String> required = (environment instanceof ConfigurableEnvironment configurable) ? Binder.get(configurable)
			.bind("ketaclinic.secrets.required", Bindable.listOf(String.class))
			.orElse(List.of()) : List.of();
		List<String> problems = new ArrayList<>();
		for (String name : required) {
			String value = environment.getProperty(name);
			if (value == null || value.isBlank()) {
				problems.add(name + " (" + envName(name) + ") is not set");
			}
			else if (isShipped(value)) {
				problems.add(name + " (" + envName(name) + ") is still a value shipped for the local stack");
			}
		}
		if (!problems.isEmpty()) {
			throw new UnsafeSecretsException(problems);
		}
	}

	static boolean isShipped(String value) {
		String normalized = value.trim().toLowerCase(Locale.ROOT);
		return SHIPPED.contains(normalized) || normalized.startsWith("local-") || normalized.contains("change-me")
				|| normalized.contains("changeme");
	}

	/**
	 * The environment variable that sets a property, by Spring Boot's relaxed binding.
	 */
	static String envName(String property) {
		return property.replace("-", "").replace('.', '_').replace("[", "_").replace("]", "").toUpperCase(Locale.ROOT);
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

}
