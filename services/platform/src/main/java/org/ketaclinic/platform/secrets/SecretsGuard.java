package org.ketaclinic.platform.secrets;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

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

	/**
	 * The classpath resource that lists the values shipped with the code or its examples
	 * (never a real secret): the one list of the services and the gateway, whose build
	 * copies it from here.
	 */
	public static final String SHIPPED_LIST = "ketaclinic/shipped-secrets.txt";

	/** The lines of {@link #SHIPPED_LIST}: values and {@code *} patterns. */
	private static final List<String> SHIPPED = shippedPatterns();

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
		return SHIPPED.stream().anyMatch((pattern) -> matches(pattern, normalized));
	}

	/**
	 * The patterns of {@link #SHIPPED_LIST}, in its order.
	 * @throws IllegalStateException when the list is missing or empty: without it no
	 * secret would be refused
	 */
	static List<String> shippedPatterns() {
		try (InputStream in = SecretsGuard.class.getClassLoader().getResourceAsStream(SHIPPED_LIST)) {
			if (in == null) {
				throw new IllegalStateException(SHIPPED_LIST + " is missing from the classpath");
			}
			List<String> patterns = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
				.map((line) -> line.trim().toLowerCase(Locale.ROOT))
				.filter((line) -> !line.isEmpty() && !line.startsWith("#"))
				.toList();
			if (patterns.isEmpty()) {
				throw new IllegalStateException(SHIPPED_LIST + " lists no value");
			}
			return patterns;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Whether a trimmed, lower-case value matches a line of the list: the value itself,
	 * {@code text*} for a prefix, {@code *text*} for a value containing the text.
	 */
	static boolean matches(String pattern, String normalized) {
		if (pattern.length() > 2 && pattern.startsWith("*") && pattern.endsWith("*")) {
			return normalized.contains(pattern.substring(1, pattern.length() - 1));
		}
		if (pattern.length() > 1 && pattern.endsWith("*")) {
			return normalized.startsWith(pattern.substring(0, pattern.length() - 1));
		}
		return normalized.equals(pattern);
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
