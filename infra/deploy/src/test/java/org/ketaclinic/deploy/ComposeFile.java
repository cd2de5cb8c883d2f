package org.ketaclinic.deploy;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * The part of the Compose specification {@code infra/compose/compose.yaml} uses, as a
 * typed model: YAML anchors and merge keys resolved first (as Compose does), then every
 * key must be one the model knows, so a misspelt {@code helthcheck} fails the build.
 * Top-level {@code x-} keys are Compose extensions and may hold anything.
 */
final class ComposeFile {

	private static final ObjectMapper STRICT = new ObjectMapper()
		.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
		.enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

	@JsonProperty
	String name;

	@JsonProperty
	Map<String, Service> services;

	@JsonProperty
	Map<String, Object> volumes;

	@JsonProperty
	Map<String, Object> networks;

	final Map<String, Object> extensions = new LinkedHashMap<>();

	@JsonAnySetter
	void extension(String key, Object value) {
		if (!key.startsWith("x-")) {
			throw new IllegalArgumentException("unknown top-level key " + key);
		}
		this.extensions.put(key, value);
	}

	static ComposeFile read(String yaml) throws IOException {
		LoaderOptions options = new LoaderOptions();
		options.setAllowDuplicateKeys(false);
		Object tree = new Yaml(options).load(yaml);
		return STRICT.convertValue(tree, ComposeFile.class);
	}

	record Service(String image, String restart, List<String> command, Map<String, String> environment,
			List<String> ports, List<String> volumes, @JsonProperty("depends_on") Map<String, Dependency> dependsOn,
			Healthcheck healthcheck, Deploy deploy, Map<String, Network> networks) {

		public Map<String, String> environment() {
			return (this.environment != null) ? this.environment : Map.of();
		}

		public Map<String, Dependency> dependsOn() {
			return (this.dependsOn != null) ? this.dependsOn : Map.of();
		}

		public List<String> ports() {
			return (this.ports != null) ? this.ports : List.of();
		}

	}

	record Dependency(String condition) {
	}

	record Healthcheck(List<String> test, String interval, String timeout, Integer retries,
			@JsonProperty("start_period") String startPeriod) {
	}

	record Deploy(Resources resources) {
	}

	record Resources(Limits limits) {
	}

	record Limits(String memory) {
	}

	record Network(List<String> aliases) {
	}

}
