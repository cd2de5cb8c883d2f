package org.ketaclinic.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The operators' published CustomResourceDefinitions, vendored under
 * {@code src/test/resources/crds} (their sources and versions in
 * {@code crds/SOURCES.md}), and each served version's {@code openAPIV3Schema} as a JSON
 * Schema a resource is validated against offline.
 *
 * <p>
 * An {@code openAPIV3Schema} is a JSON Schema (draft 4 with OpenAPI's {@code nullable})
 * plus Kubernetes' {@code x-kubernetes-*} extensions. The conversion keeps what the API
 * server checks and drops the rest: {@code nullable} becomes a {@code null} type,
 * {@code x-kubernetes-int-or-string} an integer-or-string, {@code format} is dropped (the
 * API server checks few formats, and differently), the other {@code x-kubernetes-*}
 * extensions (CEL rules, list types) are ignored. One thing is stricter than the API
 * server on purpose: where a schema lists its properties and does not preserve unknown
 * fields, an unknown field is an error. The API server would prune it silently (or, with
 * strict field validation, refuse it), and either way a misspelt field is a setting the
 * operator never sees.
 */
final class CrdSchemas {

	static final Path DIRECTORY = Project.path("infra/deploy/src/test/resources/crds");

	private static final YAMLMapper YAML = YAMLMapper.builder().build();

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

	private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_4);

	private static CrdSchemas loaded;

	/** "group/version Kind" to the converted schema. */
	private final Map<String, Schema> schemas;

	/** "group/version Kind" to the CRD file it came from. */
	private final Map<String, Path> sources;

	private CrdSchemas(Map<String, Schema> schemas, Map<String, Path> sources) {
		this.schemas = schemas;
		this.sources = sources;
	}

	static synchronized CrdSchemas load() {
		if (loaded == null) {
			Map<String, Schema> schemas = new LinkedHashMap<>();
			Map<String, Path> sources = new LinkedHashMap<>();
			try (Stream<Path> files = Files.walk(DIRECTORY)) {
				for (Path file : files.filter((path) -> path.toString().endsWith(".yaml")).sorted().toList()) {
					JsonNode crd = YAML.readTree(file.toFile());
					String group = crd.path("spec").path("group").asString();
					String kind = crd.path("spec").path("names").path("kind").asString();
					for (JsonNode version : crd.path("spec").path("versions")) {
						if (!version.path("served").asBoolean(false)) {
							continue;
						}
						String key = group + "/" + version.path("name").asString() + " " + kind;
						JsonNode schema = version.path("schema").path("openAPIV3Schema");
						schemas.put(key, REGISTRY.getSchema(toJsonSchema(schema)));
						sources.put(key, file);
					}
				}
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
			loaded = new CrdSchemas(Map.copyOf(schemas), Map.copyOf(sources));
		}
		return loaded;
	}

	/** The served "group/version Kind"s of the vendored CRDs. */
	java.util.Set<String> kinds() {
		return this.schemas.keySet();
	}

	/**
	 * What the operator's CRD refuses in this resource, one line each; empty when it
	 * accepts it. A kind or version no vendored CRD serves is refused as a whole.
	 */
	List<String> violations(HasMetadata resource) {
		return violations(JSON.readTree(SERIALIZATION.asJson(resource)));
	}

	List<String> violations(JsonNode resource) {
		String key = resource.path("apiVersion").asString() + " " + resource.path("kind").asString();
		Schema schema = this.schemas.get(key);
		if (schema == null) {
			return List.of(key + ": no vendored CRD serves this kind at this version");
		}
		List<String> found = new ArrayList<>();
		for (Error error : schema.validate(resource)) {
			found.add(key + " " + resource.path("metadata").path("name").asString() + ": " + error.getInstanceLocation()
					+ " " + error.getMessage());
		}
		return found;
	}

	/**
	 * Every resource in a multi-document YAML text (a file kept outside the overlays).
	 */
	static List<JsonNode> documents(String yaml) {
		List<JsonNode> documents = new ArrayList<>();
		for (String document : yaml.split("(?m)^---\\s*$")) {
			JsonNode node = YAML.readTree(document);
			if (node != null && node.isObject()) {
				documents.add(node);
			}
		}
		return documents;
	}

	static JsonNode toJsonSchema(JsonNode openApi) {
		if (!openApi.isObject()) {
			return openApi;
		}
		ObjectNode converted = JsonNodeFactory.instance.objectNode();
		boolean preserveUnknown = openApi.path("x-kubernetes-preserve-unknown-fields").asBoolean(false);
		boolean intOrString = openApi.path("x-kubernetes-int-or-string").asBoolean(false);
		for (Map.Entry<String, JsonNode> field : openApi.properties()) {
			String name = field.getKey();
			JsonNode value = field.getValue();
			if (name.startsWith("x-kubernetes-") || name.equals("nullable") || name.equals("format")) {
				continue;
			}
			switch (name) {
				case "properties", "patternProperties", "definitions" -> {
					ObjectNode children = JsonNodeFactory.instance.objectNode();
					for (Map.Entry<String, JsonNode> child : value.properties()) {
						children.set(child.getKey(), toJsonSchema(child.getValue()));
					}
					converted.set(name, children);
				}
				case "items", "additionalProperties", "not" -> converted.set(name, toJsonSchema(value));
				case "allOf", "anyOf", "oneOf" -> {
					ArrayNode schemas = JsonNodeFactory.instance.arrayNode();
					for (JsonNode element : value) {
						schemas.add(toJsonSchema(element));
					}
					converted.set(name, schemas);
				}
				default -> converted.set(name, value);
			}
		}
		if (openApi.path("nullable").asBoolean(false) && converted.path("type").isString()) {
			ArrayNode types = JsonNodeFactory.instance.arrayNode();
			types.add(converted.path("type").asString());
			types.add("null");
			converted.set("type", types);
		}
		if (intOrString && !converted.has("anyOf") && !converted.has("type")) {
			ArrayNode types = JsonNodeFactory.instance.arrayNode();
			types.add("integer");
			types.add("string");
			converted.set("type", types);
		}
		if (intOrString && converted.has("anyOf")) {
			// the API server takes either form whatever a branch's own constraints say
			// (e.g. a pattern written for the string form only)
			converted.remove("anyOf");
			ArrayNode types = JsonNodeFactory.instance.arrayNode();
			types.add("integer");
			types.add("string");
			converted.set("type", types);
		}
		if (converted.has("properties") && !preserveUnknown && !converted.has("additionalProperties")) {
			converted.put("additionalProperties", false);
		}
		return converted;
	}

	Path source(String kind) {
		return this.sources.get(kind);
	}

}
