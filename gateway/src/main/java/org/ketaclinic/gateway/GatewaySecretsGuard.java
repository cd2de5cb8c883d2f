package org.ketaclinic.gateway;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.core.env.Environment;

/**
 * Stops the gateway at start, before it takes a request, when its client secret at the
 * identity provider is missing or still the local stack's, outside the local profile
 * (which sets {@code ketaclinic.secrets.local-defaults-allowed}); the services do the
 * same for theirs with the platform's guard. Both read the one list of shipped values,
 * {@value #SHIPPED_LIST}, kept with the platform's guard
 * ({@code services/platform/src/main/resources}) and copied into the gateway by its
 * build, which does not depend on the (servlet) platform.
 */
class GatewaySecretsGuard implements BeanFactoryPostProcessor {

	static final String CLIENT_SECRET = "ketaclinic.gateway.oidc.client-secret";

	/** The classpath resource listing the values shipped with the code. */
	static final String SHIPPED_LIST = "ketaclinic/shipped-secrets.txt";

	private static final List<String> SHIPPED = shippedPatterns();

	private final Environment environment;

	GatewaySecretsGuard(Environment environment) {
		this.environment = environment;
	}

	@Override
	public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
		check(this.environment);
	}

	static void check(Environment environment) {
		if (environment.getProperty("ketaclinic.secrets.local-defaults-allowed", Boolean.class, false)) {
			return;
		}
		String secret = environment.getProperty(CLIENT_SECRET);
		String normalized = (secret != null) ? secret.trim().toLowerCase(Locale.ROOT) : "";
		if (normalized.isEmpty() || SHIPPED.stream().anyMatch((pattern) -> matches(pattern, normalized))) {
			throw new IllegalStateException("Refusing to start: " + CLIENT_SECRET
					+ " (KETACLINIC_GATEWAY_OIDC_CLIENTSECRET) is "
					+ (normalized.isEmpty() ? "not set" : "still a value shipped for the local stack")
					+ ". Set the gateway's client secret at the identity provider; the shipped value serves only the "
					+ "local stack (SPRING_PROFILES_ACTIVE=local).");
		}
	}

	/**
	 * The lines of {@link #SHIPPED_LIST}: values and {@code *} patterns.
	 * @throws IllegalStateException when the list is missing or empty: without it no
	 * secret would be refused
	 */
	static List<String> shippedPatterns() {
		try (InputStream in = GatewaySecretsGuard.class.getClassLoader().getResourceAsStream(SHIPPED_LIST)) {
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
	 * Whether a trimmed, lower-case value matches a line of the list, as the platform's
	 * guard reads it: the value itself, {@code text*} for a prefix, {@code *text*} for a
	 * value containing the text.
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

}
