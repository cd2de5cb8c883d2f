package org.ketaclinic.platform;

import java.sql.DriverManager;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.catalina.core.StandardHost;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.ketaclinic.platform.audit.AuditController;
import org.ketaclinic.platform.audit.AuditLog;
import org.ketaclinic.platform.audit.AuditProperties;
import org.ketaclinic.platform.db.PlatformMigrations;
import org.ketaclinic.platform.events.EventSchemas;
import org.ketaclinic.platform.events.EventsProperties;
import org.ketaclinic.platform.events.IdentifierJson;
import org.ketaclinic.platform.health.KafkaHealthIndicator;
import org.ketaclinic.platform.health.OutboxHealthIndicator;
import org.ketaclinic.platform.inbox.ConsumerProperties;
import org.ketaclinic.platform.inbox.DeadLetterController;
import org.ketaclinic.platform.inbox.DeadLetters;
import org.ketaclinic.platform.inbox.Inbox;
import org.ketaclinic.platform.inbox.ListenerRedelivery;
import org.ketaclinic.platform.inbox.OutageAwareErrorHandler;
import org.ketaclinic.platform.inbox.StaleEvents;
import org.ketaclinic.platform.metrics.PlatformMetrics;
import org.ketaclinic.platform.outbox.JdbcOutbox;
import org.ketaclinic.platform.outbox.Outbox;
import org.ketaclinic.platform.outbox.OutboxProperties;
import org.ketaclinic.platform.outbox.OutboxRelay;
import org.ketaclinic.platform.security.ClinicScope;
import org.ketaclinic.platform.security.RolesBeforeBinding;
import org.ketaclinic.platform.web.IdempotencyKeyFilter;
import org.ketaclinic.platform.web.IdempotencyProperties;
import org.ketaclinic.platform.web.IdempotencyRecordPurge;
import org.ketaclinic.platform.web.ProblemDetailsAdvice;
import org.ketaclinic.platform.web.ProblemErrorController;
import org.ketaclinic.platform.web.ProblemErrorReportValve;
import org.ketaclinic.platform.web.TraceContextFilter;
import tools.jackson.databind.JacksonModule;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration;
import org.springframework.boot.flyway.autoconfigure.FlywayConfigurationCustomizer;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.webmvc.autoconfigure.error.ErrorMvcAutoConfiguration;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.MicrometerConsumerListener;
import org.springframework.kafka.core.MicrometerProducerListener;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Wires the platform into a service: outbox and relay, inbox, Kafka factories with
 * dead-letter handling, topics, platform migrations, and the HTTP conventions.
 */
@AutoConfiguration(
		before = { KafkaAutoConfiguration.class, FlywayAutoConfiguration.class, ErrorMvcAutoConfiguration.class },
		after = DataSourceAutoConfiguration.class)
@EnableConfigurationProperties({ EventsProperties.class, OutboxProperties.class, ConsumerProperties.class,
		KafkaProperties.class, IdempotencyProperties.class, AuditProperties.class })
@Import({ PlatformAutoConfiguration.Messaging.class, PlatformAutoConfiguration.Web.class })
public class PlatformAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	Clock clock() {
		return Clock.systemUTC();
	}

	/** Typed ids in responses too: the plain UUIDs they are in events (ADR 17). */
	@Bean
	JacksonModule identifierJson() {
		return IdentifierJson.module();
	}

	@Bean
	@ConditionalOnMissingBean
	StaleEvents staleEvents(MeterRegistry meters) {
		return new StaleEvents(meters);
	}

	@Bean
	@ConditionalOnMissingBean
	PlatformMetrics platformMetrics(JdbcTemplate jdbc) {
		return new PlatformMetrics(jdbc);
	}

	@Bean
	@ConditionalOnMissingBean
	FlywayMigrationStrategy platformMigrations() {
		return new PlatformMigrations();
	}

	/**
	 * The platform's tables exist before the service's first migration: baseline below
	 * V1.
	 */
	@Bean
	FlywayConfigurationCustomizer platformBaseline() {
		return (configuration) -> configuration.baselineOnMigrate(true).baselineVersion("0");
	}

	@Bean
	@ConditionalOnMissingBean
	AuditLog auditLog(JdbcTemplate jdbc, PlatformTransactionManager transactions, AuditProperties properties) {
		return new AuditLog(jdbc, transactions, properties);
	}

	@Bean
	@ConditionalOnMissingBean
	EventSchemas eventSchemas() {
		return new EventSchemas();
	}

	@Configuration(proxyBeanMethods = false)
	static class Messaging {

		/** How long a silent consumer keeps its partitions. */
		static final int SESSION_TIMEOUT_MS = 10_000;

		/** How often a consumer tells the group it is alive. */
		static final int HEARTBEAT_INTERVAL_MS = 3_000;

		@Bean
		@ConditionalOnMissingBean
		Outbox outbox(JdbcTemplate jdbc, EventSchemas schemas, EventsProperties events,
				@Value("${spring.application.name:service}") String name, Clock clock) {
			String source = (events.source() != null) ? events.source() : "/ketaclinic/" + name;
			return new JdbcOutbox(jdbc, schemas, source, clock);
		}

		@Bean
		@ConditionalOnProperty(name = "ketaclinic.outbox.relay-enabled", havingValue = "true", matchIfMissing = true)
		OutboxRelay outboxRelay(JdbcConnectionDetails database, KafkaProperties kafka, OutboxProperties properties,
				@Value("${spring.application.name:service}") String name, Environment environment) {
			Map<String, Object> config = OutboxRelay.producerConfig(kafka.buildProducerProperties(), name);
			Properties session = relaySessionProperties(environment);
			if (database.getUsername() != null) {
				session.setProperty("user", database.getUsername());
			}
			if (database.getPassword() != null) {
				session.setProperty("password", database.getPassword());
			}
			return new OutboxRelay(() -> DriverManager.getConnection(database.getJdbcUrl(), session),
					() -> new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer()), properties,
					name);
		}

		/**
		 * The relay's own session takes the driver properties of the pool
		 * ({@code spring.datasource.hikari.data-source-properties}: connect, socket and
		 * statement timeouts), so a partition cannot hang it either.
		 */
		static Properties relaySessionProperties(Environment environment) {
			Properties session = new Properties();
			Binder.get(environment)
				.bind("spring.datasource.hikari.data-source-properties", Bindable.mapOf(String.class, String.class))
				.ifBound(session::putAll);
			return session;
		}

		@Bean
		@ConditionalOnMissingBean(ProducerFactory.class)
		ProducerFactory<String, byte[]> kafkaProducerFactory(KafkaProperties kafka,
				@Value("${spring.application.name:service}") String name) {
			Map<String, Object> config = OutboxRelay.producerConfig(kafka.buildProducerProperties(), name);
			config.put(ProducerConfig.CLIENT_ID_CONFIG, name + "-producer");
			return new DefaultKafkaProducerFactory<>(config, new StringSerializer(), new ByteArraySerializer());
		}

		/**
		 * The producers' own metrics (sends, errors, latency) on /actuator/prometheus.
		 */
		@Bean
		SmartInitializingSingleton platformKafkaProducerMetrics(ProducerFactory<String, byte[]> producers,
				ObjectProvider<MeterRegistry> meters) {
			return () -> meters
				.ifAvailable((registry) -> producers.addListener(new MicrometerProducerListener<>(registry)));
		}

		/**
		 * The broker's health as {@code kafka}: on {@code /actuator/health} and as the
		 * gauge {@code ketaclinic_kafka_up}, outside readiness (ADR 14).
		 */
		@Bean
		@ConditionalOnMissingBean(name = "kafkaHealthIndicator")
		KafkaHealthIndicator kafkaHealthIndicator(KafkaProperties kafka,
				@Value("${spring.application.name:service}") String name) {
			Map<String, Object> config = new HashMap<>(kafka.buildAdminProperties());
			config.put(AdminClientConfig.CLIENT_ID_CONFIG, name);
			return new KafkaHealthIndicator(config, Duration.ofSeconds(2));
		}

		/**
		 * The outbox as {@code outbox}: DOWN while it holds parked events. Not part of
		 * the readiness group.
		 */
		@Bean
		@ConditionalOnMissingBean(name = "outboxHealthIndicator")
		OutboxHealthIndicator outboxHealthIndicator(JdbcTemplate jdbc) {
			return new OutboxHealthIndicator(jdbc);
		}

		@Bean
		@ConditionalOnMissingBean(KafkaTemplate.class)
		KafkaTemplate<String, byte[]> kafkaTemplate(ProducerFactory<String, byte[]> producerFactory) {
			return new KafkaTemplate<>(producerFactory);
		}

		@Bean
		@ConditionalOnMissingBean(ConsumerFactory.class)
		/**
		 * Keys are strings, values raw bytes that the inbox decodes. Typed
		 * {@code <Object, Object>} so Spring Boot's listener container factory picks it
		 * up.
		 */
		ConsumerFactory<Object, Object> kafkaConsumerFactory(KafkaProperties kafka,
				ObjectProvider<MeterRegistry> meters) {
			Map<String, Object> config = consumerConfig(kafka);
			config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
			config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
			DefaultKafkaConsumerFactory<Object, Object> factory = new DefaultKafkaConsumerFactory<>(config);
			// the consumers' own metrics, consumer lag among them, on
			// /actuator/prometheus
			meters.ifAvailable((registry) -> factory.addListener(new MicrometerConsumerListener<>(registry)));
			return factory;
		}

		static Map<String, Object> consumerConfig(KafkaProperties kafka) {
			Map<String, Object> config = new HashMap<>(kafka.buildConsumerProperties());
			// a new consumer group must see what was published before it first started
			config.putIfAbsent(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
			config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
			// a consumer that dies without leaving (kill -9, a lost node) holds its
			// partitions until its session times out, and its replacement waits as long
			// to join: 10 s, not Kafka's 45 s, so an urgent finding waits seconds for the
			// restarted instance; heartbeats every 3 s. Either can be set in
			// spring.kafka.consumer.properties.
			config.putIfAbsent(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, SESSION_TIMEOUT_MS);
			config.putIfAbsent(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, HEARTBEAT_INTERVAL_MS);
			return config;
		}

		/**
		 * An outage is not a poison message: transient failures are retried without limit
		 * with the container paused, anything else goes to {@code <topic>.DLT} after its
		 * retries (see {@link OutageAwareErrorHandler}).
		 */
		@Bean
		@ConditionalOnMissingBean(CommonErrorHandler.class)
		OutageAwareErrorHandler kafkaErrorHandler(KafkaTemplate<String, byte[]> template, ConsumerProperties retry) {
			DeadLetterPublishingRecoverer recoverer = new DeadLetterPublishingRecoverer(template,
					(record, ex) -> new TopicPartition(record.topic() + DeadLetters.SUFFIX, -1));
			// stack traces can quote data; the reason header says what failed in words
			// that never echo values
			recoverer.excludeHeader(DeadLetterPublishingRecoverer.HeaderNames.HeadersToAdd.EX_STACKTRACE);
			recoverer.addHeadersFunction((record, ex) -> DeadLetters.reasonHeaders(ex));
			return new OutageAwareErrorHandler(recoverer, retry);
		}

		@Bean
		KafkaAdmin.NewTopics platformTopics(EventsProperties events) {
			List<NewTopic> topics = new ArrayList<>();
			if (events.produces() != null) {
				for (String produced : events.produces().split(",")) {
					if (!produced.isBlank()) {
						topics.add(topic(produced.trim(), events));
					}
				}
			}
			for (String consumed : events.consumes()) {
				topics.add(topic(consumed + DeadLetters.SUFFIX, events));
			}
			return new KafkaAdmin.NewTopics(topics.toArray(NewTopic[]::new));
		}

		private static NewTopic topic(String name, EventsProperties events) {
			return TopicBuilder.name(name).partitions(events.partitions()).replicas(events.replicas()).build();
		}

		@Bean
		@ConditionalOnMissingBean
		Inbox inbox(JdbcTemplate jdbc, TransactionTemplate transactions, EventSchemas schemas,
				@Value("${spring.application.name:service}") String name) {
			return new Inbox(jdbc, transactions, schemas, name);
		}

		@Bean
		@ConditionalOnMissingBean
		ListenerRedelivery listenerRedelivery(KafkaListenerEndpointRegistry registry) {
			return new ListenerRedelivery(registry);
		}

		@Bean
		@ConditionalOnMissingBean
		DeadLetters deadLetters(KafkaProperties kafka, ListenerRedelivery redelivery, JdbcTemplate jdbc,
				TransactionTemplate transactions, EventsProperties events) {
			Map<String, Object> config = consumerConfig(kafka);
			String group = (String) config.remove(ConsumerConfig.GROUP_ID_CONFIG);
			config.put(ConsumerConfig.CLIENT_ID_CONFIG, "dead-letter-reader");
			return new DeadLetters(
					() -> new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer()),
					redelivery, jdbc, transactions, events.consumes(), group);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
	static class Web {

		@Bean
		@ConditionalOnMissingBean
		ProblemDetailsAdvice problemDetailsAdvice(ObjectProvider<AuditLog> audit) {
			return new ProblemDetailsAdvice(audit);
		}

		/**
		 * Encoded slashes pass to the security firewall, which refuses them with a
		 * problem document; anything Tomcat itself refuses is reported as a problem
		 * document too.
		 */
		@Bean
		WebServerFactoryCustomizer<TomcatServletWebServerFactory> problemErrorsFromTomcat() {
			return (factory) -> {
				factory.addConnectorCustomizers((connector) -> connector.setEncodedSolidusHandling("passthrough"));
				factory.addContextCustomizers((context) -> {
					if (context.getParent() instanceof StandardHost host) {
						host.setErrorReportValveClass(ProblemErrorReportValve.class.getName());
					}
				});
			};
		}

		@Bean
		@ConditionalOnMissingBean(ErrorController.class)
		ProblemErrorController problemErrorController() {
			return new ProblemErrorController();
		}

		@Bean
		FilterRegistrationBean<TraceContextFilter> traceContextFilter() {
			FilterRegistrationBean<TraceContextFilter> registration = new FilterRegistrationBean<>(
					new TraceContextFilter());
			registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
			return registration;
		}

		/**
		 * After Spring Security (order -100), so keys are scoped to the authenticated
		 * caller.
		 */
		@Bean
		FilterRegistrationBean<IdempotencyKeyFilter> idempotencyKeyFilter(JdbcTemplate jdbc,
				TransactionTemplate transactions, ClinicScope clinics, IdempotencyProperties properties) {
			FilterRegistrationBean<IdempotencyKeyFilter> registration = new FilterRegistrationBean<>(
					new IdempotencyKeyFilter(jdbc, transactions, clinics, properties.delegatedPaths()));
			registration.setOrder(0);
			return registration;
		}

		@Bean
		@ConditionalOnMissingBean
		IdempotencyRecordPurge idempotencyRecordPurge(JdbcTemplate jdbc, IdempotencyProperties properties) {
			return new IdempotencyRecordPurge(jdbc, properties);
		}

		@Bean
		AuditController auditController(AuditLog audit, ClinicScope clinics) {
			return new AuditController(audit, clinics);
		}

		/**
		 * Roles are checked before request bodies are read (see
		 * {@link RolesBeforeBinding}).
		 */
		@Bean
		WebMvcConfigurer rolesBeforeBinding() {
			return new WebMvcConfigurer() {
				@Override
				public void addInterceptors(InterceptorRegistry registry) {
					registry.addInterceptor(new RolesBeforeBinding());
				}
			};
		}

		@Bean
		DeadLetterController deadLetterController(DeadLetters deadLetters) {
			return new DeadLetterController(deadLetters);
		}

	}

}
