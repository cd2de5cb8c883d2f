package org.ketaclinic.gateway;

import java.util.Locale;

import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.core.env.Environment;

/**
 * Stops the gateway at start, before it takes a request, when its client secret at the
 * identity provider is missing or still the local stack's, outside the local profile
 * (which sets {@code ketaclinic.secrets.local-defaults-allowed}); the services do the
 * same for theirs with the platform's guard.
 */
class GatewaySecretsGuard implements BeanFactoryPostProcessor {

	static final String CLIENT_SECRET = "ketaclinic.gateway.oidc.client-secret";

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
		if (normalized.isEmpty() || normalized.equals("gateway-secret") || normalized.startsWith("local-")
				|| normalized.contains("change-me") || normalized.contains("changeme")) {
			throw new IllegalStateException("Refusing to start: " + CLIENT_SECRET
					+ " (KETACLINIC_GATEWAY_OIDC_CLIENTSECRET) is "
					+ (normalized.isEmpty() ? "not set" : "still a value shipped for the local stack")
					+ ". Set the gateway's client secret at the identity provider; the shipped value serves only the "
					+ "local stack (SPRING_PROFILES_ACTIVE=local).");
		}
	}

}
