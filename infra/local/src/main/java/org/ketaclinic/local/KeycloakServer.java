package org.ketaclinic.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Keycloak from its server distribution ({@code org.keycloak:keycloak-quarkus-dist}, a
 * zip on Maven Central that this module's build unpacks into {@code target/keycloak}),
 * run with the JDK alone: development mode ({@code start-dev}: plain HTTP, an H2 file
 * database) on one port, importing the {@code ketaclinic} realm that Compose imports
 * ({@code infra/compose/keycloak/ketaclinic-realm.json}), with the secrets its
 * {@code ${...}} placeholders name taken from the environment. Overlays (realm fragments
 * whose lists are appended to the realm's) add what only the local stack has, such as its
 * ADMIN script client.
 * <p>
 * The database lives in the data folder given, so tokens, keys and sessions survive a
 * restart; when the realm to import differs from the one imported there before, the old
 * database is dropped so that the new realm is imported (Keycloak skips a realm that
 * exists).
 */
public final class KeycloakServer {

	/** The realm the platform's clients and users live in. */
	public static final String REALM = "ketaclinic";

	/**
	 * The values of the realm's secret placeholders on this machine (local stack and
	 * tests only): each script client's secret is its id followed by {@code -secret},
	 * each demo user's password its name.
	 */
	public static final Map<String, String> LOCAL_SECRETS = Map.of("GATEWAY_CLIENT_SECRET", "gateway-secret",
			"FRONTDESK_CLI_SECRET", "frontdesk-cli-secret", "CLINICIAN_CLI_SECRET", "clinician-cli-secret",
			"OTHER_CLI_SECRET", "other-cli-secret", "FRONTDESK_USER_PASSWORD", "frontdesk", "CLINICIAN_USER_PASSWORD",
			"clinician", "ADMIN_USER_PASSWORD", "admin", "LAKESIDE_FRONTDESK_USER_PASSWORD", "lakeside-frontdesk",
			"LAKESIDE_CLINICIAN_USER_PASSWORD", "lakeside-clinician", "GROUP_FRONTDESK_USER_PASSWORD",
			"group-frontdesk");

	private static final ObjectMapper JSON = new ObjectMapper();

	private final Path distribution;

	private final int port;

	private final Path data;

	/**
	 * @param distribution the unpacked distribution ({@link #distribution(Path)})
	 * @param port its HTTP port
	 * @param data where its database is kept
	 */
	public KeycloakServer(Path distribution, int port, Path data) {
		this.distribution = distribution;
		this.port = port;
		this.data = data;
	}

	/**
	 * The distribution this module's build unpacked.
	 * @param localModule the {@code infra/local} folder
	 * @return the folder holding {@code bin/kc.sh}
	 */
	public static Path distribution(Path localModule) {
		Path unpacked = localModule.resolve("target/keycloak");
		if (Files.isDirectory(unpacked)) {
			try (Stream<Path> children = Files.list(unpacked)) {
				List<Path> found = children.filter((child) -> Files.exists(child.resolve("bin/kc.sh"))).toList();
				if (found.size() == 1) {
					return found.get(0);
				}
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}
		throw new IllegalStateException("Keycloak's distribution is not unpacked in " + unpacked
				+ ": build infra/local first (./mvnw -DskipTests package -pl infra/local -am)");
	}

	/** The realm's issuer, as every token names it. */
	public String issuer() {
		return "http://localhost:" + this.port + "/realms/" + REALM;
	}

	/** Where clients get tokens (client-credentials grant for the script clients). */
	public String tokenEndpoint() {
		return issuer() + "/protocol/openid-connect/token";
	}

	/** Answers 200 once the realm is imported and Keycloak serves it. */
	public String discovery() {
		return issuer() + "/.well-known/openid-configuration";
	}

	public int port() {
		return this.port;
	}

	/**
	 * Writes the realm, with the overlays' clients, users and roles added, as the one
	 * file Keycloak imports at start, and drops the database if it holds another realm.
	 * @param realm the realm file
	 * @param overlays realm fragments whose lists are appended to the realm's
	 * @throws IOException if a file cannot be read or written
	 */
	public void prepare(Path realm, List<Path> overlays) throws IOException {
		JsonNode merged = JSON.readTree(realm.toFile());
		for (Path overlay : overlays) {
			merge((ObjectNode) merged, JSON.readTree(overlay.toFile()));
		}
		String text = JSON.writerWithDefaultPrettyPrinter().writeValueAsString(merged);
		Path imports = this.distribution.resolve("data/import");
		deleteRecursively(imports);
		Files.createDirectories(imports);
		Files.writeString(imports.resolve(REALM + "-realm.json"), text, StandardCharsets.UTF_8);
		Files.createDirectories(this.data);
		Path imported = this.data.resolve("imported-realm.sha256");
		String hash = sha256(text);
		if (!Files.exists(imported) || !Files.readString(imported).trim().equals(hash)) {
			deleteRecursively(this.data.resolve("data"));
			Files.writeString(imported, hash + "\n");
		}
	}

	/**
	 * The command that starts Keycloak in the foreground; it stops on SIGTERM.
	 */
	public List<String> command() {
		List<String> command = new ArrayList<>();
		command.add("/bin/bash");
		command.add(this.distribution.resolve("bin/kc.sh").toString());
		command.add("start-dev");
		command.add("--http-port=" + this.port);
		// never Keycloak's default management port 9000, the dev identity provider's
		command.add("--http-management-port=" + (this.port + 1));
		// one issuer, however the server is reached
		command.add("--hostname=http://localhost:" + this.port);
		command.add("--import-realm");
		command.add("--db-url-path=" + this.data.toAbsolutePath());
		return command;
	}

	/**
	 * The environment of {@link #command()}: the JDK to run on, the bootstrap
	 * administrator of the master realm (the admin console), the realm's secrets.
	 * @param javaHome the JDK (Keycloak 26.5 runs on 17)
	 * @param javaOptions JVM options appended to Keycloak's own, or {@code null}
	 * @param secrets the values of the realm's secret placeholders
	 * @return the variables to set
	 */
	public Map<String, String> environment(Path javaHome, String javaOptions, Map<String, String> secrets) {
		Map<String, String> environment = new LinkedHashMap<>(secrets);
		environment.put("JAVA_HOME", javaHome.toString());
		environment.put("KC_BOOTSTRAP_ADMIN_USERNAME", "admin");
		environment.put("KC_BOOTSTRAP_ADMIN_PASSWORD", "admin");
		environment.put("JAVA_OPTS_KC_HEAP", "-Xms64m -Xmx512m");
		// C1 only, as the local stack's services: a quicker start on two cores
		environment.put("JAVA_OPTS_APPEND",
				"-XX:TieredStopAtLevel=1" + ((javaOptions != null && !javaOptions.isBlank()) ? " " + javaOptions : ""));
		return environment;
	}

	/** Appends every list of the overlay to the realm's list of the same name. */
	private static void merge(ObjectNode realm, JsonNode overlay) {
		overlay.properties().forEach((entry) -> {
			JsonNode value = entry.getValue();
			JsonNode existing = realm.get(entry.getKey());
			if (value.isArray() && existing instanceof ArrayNode list) {
				list.addAll((ArrayNode) value);
			}
			else if (value.isObject() && existing instanceof ObjectNode object) {
				merge(object, value);
			}
			else {
				realm.set(entry.getKey(), value);
			}
		});
	}

	private static String sha256(String text) {
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	static void deleteRecursively(Path path) throws IOException {
		if (Files.exists(path)) {
			try (Stream<Path> files = Files.walk(path)) {
				for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
					Files.delete(file);
				}
			}
		}
	}

}
