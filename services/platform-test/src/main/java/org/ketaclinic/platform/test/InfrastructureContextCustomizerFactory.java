package org.ketaclinic.platform.test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.annotation.MergedAnnotations;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.MergedContextConfiguration;

/**
 * Points a test class annotated with {@link WithInfrastructure} at its own database on
 * the shared server, at the shared broker, and at the test token key.
 */
class InfrastructureContextCustomizerFactory implements ContextCustomizerFactory {

	@Override
	public ContextCustomizer createContextCustomizer(Class<?> testClass,
			List<ContextConfigurationAttributes> configAttributes) {
		if (!MergedAnnotations.from(testClass, MergedAnnotations.SearchStrategy.TYPE_HIERARCHY)
			.isPresent(WithInfrastructure.class)) {
			return null;
		}
		return new InfrastructureContextCustomizer(testClass.getName());
	}

	private static final class InfrastructureContextCustomizer implements ContextCustomizer {

		private static final AtomicInteger DATABASES = new AtomicInteger();

		private final String testClass;

		InfrastructureContextCustomizer(String testClass) {
			this.testClass = testClass;
		}

		@Override
		public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration config) {
			TestInfrastructure infrastructure = TestInfrastructure.get();
			String simpleName = this.testClass.substring(this.testClass.lastIndexOf('.') + 1);
			String database = ("t" + DATABASES.incrementAndGet() + "_" + simpleName.toLowerCase())
				.replaceAll("[^a-z0-9_]", "_");
			if (database.length() > 60) {
				database = database.substring(0, 60);
			}
			Map<String, Object> properties = new LinkedHashMap<>();
			properties.put("spring.datasource.url", infrastructure.createDatabase(database));
			properties.put("spring.datasource.username", infrastructure.postgresUser());
			properties.put("spring.datasource.password", infrastructure.postgresPassword());
			properties.put("spring.kafka.bootstrap-servers", infrastructure.kafkaBootstrapServers());
			properties.put("spring.security.oauth2.resourceserver.jwt.public-key-location",
					TestTokens.publicKeyPem().toUri().toString());
			properties.put("spring.security.oauth2.resourceserver.jwt.issuer-uri", "");
			properties.put("ketaclinic.security.issuer", TestTokens.ISSUER);
			// tests are no deployment: the embedded database's password and the local
			// link and webhook secrets are fine here (SecretsGuardTests cover the
			// refusal)
			properties.put("ketaclinic.secrets.local-defaults-allowed", "true");
			context.getEnvironment()
				.getPropertySources()
				.addFirst(new MapPropertySource("ketaclinic-test-infrastructure", properties));
		}

		@Override
		public boolean equals(Object other) {
			return other instanceof InfrastructureContextCustomizer customizer
					&& this.testClass.equals(customizer.testClass);
		}

		@Override
		public int hashCode() {
			return Objects.hash(this.testClass);
		}

	}

}
