package org.ketaclinic.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/** The repository this module checks: its root, its deployables and their settings. */
final class Project {

	/** The four services: name, module, HTTP port. */
	static final List<Deployable> SERVICES = List.of(
			new Deployable("intake", "services/intake/intake-service", "intake-service",
					"org.ketaclinic.intake.IntakeApplication", 8081),
			new Deployable("screening", "services/screening/screening-service", "screening-service",
					"org.ketaclinic.screening.ScreeningApplication", 8082),
			new Deployable("scheduling", "services/scheduling/scheduling-service", "scheduling-service",
					"org.ketaclinic.scheduling.SchedulingApplication", 8083),
			new Deployable("followup", "services/followup/followup-service", "followup-service",
					"org.ketaclinic.followup.FollowupApplication", 8084));

	static final Deployable GATEWAY = new Deployable("gateway", "gateway", "gateway",
			"org.ketaclinic.gateway.GatewayApplication", 8080);

	/**
	 * Local stack and tests only: run from its jar, never an image
	 * (DevIdentityProviderTests).
	 */
	static final Deployable DEV_IDP = new Deployable("dev-idp", "infra/dev-idp", "dev-idp",
			"org.ketaclinic.idp.DevIdpApplication", 9000);

	/** The local SMS provider stand-in, shipped for Compose: no Spring, no actuator. */
	static final Deployable SMS_SINK = new Deployable("sms-sink", "infra/sms-sink", "sms-sink",
			"org.ketaclinic.smssink.SmsSink", 8089, "/api/stats", "\"messages\"");

	static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

	private Project() {
	}

	static Path root() {
		return Path.of(System.getProperty("ketaclinic.root", "../..")).toAbsolutePath().normalize();
	}

	static Path path(String relative) {
		return root().resolve(relative);
	}

	static String read(String relative) {
		try {
			return Files.readString(path(relative));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * One image the build produces.
	 *
	 * @param name the service's name (Deployment, Service, KafkaUser, database)
	 * @param module the Maven module
	 * @param artifact the module's final name, which is also the image's name
	 * @param mainClass the image's fixed main class
	 * @param port its HTTP port
	 * @param readinessPath what answers 200 once it is ready
	 * @param readyMarker what that answer then contains
	 */
	record Deployable(String name, String module, String artifact, String mainClass, int port, String readinessPath,
			String readyMarker) {

		/** The module's application.yml, as a tree. */
		@SuppressWarnings("unchecked")
		Map<String, Object> settings() {
			try {
				return YAML.readValue(path(this.module).resolve("src/main/resources/application.yml").toFile(),
						Map.class);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}

		Deployable(String name, String module, String artifact, String mainClass, int port) {
			this(name, module, artifact, mainClass, port, "/actuator/health/readiness", "\"UP\"");
		}

		Path imageTar() {
			return path(this.module).resolve("target/image/" + this.artifact + ".tar");
		}

	}

}
