package org.ketaclinic.deploy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * An image tar written by {@code jib:buildTar}, unpacked: its configuration (entry point,
 * user, environment, ports) and its layers extracted into one root file system.
 *
 * @param root the extracted layers, as the container would see {@code /}
 * @param entrypoint the configured entry point, as in the image
 * @param user the configured user
 * @param workingDirectory the configured working directory
 * @param environment the configured environment
 * @param exposedPorts the ports the image declares, e.g. {@code 8081/tcp}
 */
record ImageTar(Path root, List<String> entrypoint, String user, String workingDirectory,
		Map<String, String> environment, List<String> exposedPorts) {

	private static final ObjectMapper JSON = new ObjectMapper();

	static ImageTar unpack(Path tar, Path into) throws IOException {
		Path archive = into.resolve("archive");
		Path root = into.resolve("rootfs");
		try (InputStream in = Files.newInputStream(tar)) {
			Tar.extract(in, archive);
		}
		JsonNode manifest = manifest(archive);
		JsonNode config = JSON
			.readTree(archive.resolve(blob(manifest.path("config").path("digest").asText())).toFile());
		for (JsonNode layer : manifest.path("layers")) {
			Path blob = archive.resolve(blob(layer.path("digest").asText()));
			try (InputStream in = new GZIPInputStream(Files.newInputStream(blob))) {
				Tar.extract(in, root);
			}
		}
		JsonNode container = config.path("config");
		List<String> entrypoint = new ArrayList<>();
		container.path("Entrypoint").forEach((arg) -> entrypoint.add(arg.asText()));
		container.path("Cmd").forEach((arg) -> entrypoint.add(arg.asText()));
		Map<String, String> environment = new LinkedHashMap<>();
		container.path("Env").forEach((pair) -> {
			String[] parts = pair.asText().split("=", 2);
			environment.put(parts[0], (parts.length > 1) ? parts[1] : "");
		});
		List<String> ports = new ArrayList<>();
		container.path("ExposedPorts").fieldNames().forEachRemaining(ports::add);
		return new ImageTar(root, List.copyOf(entrypoint), container.path("User").asText(),
				container.path("WorkingDir").asText(), Map.copyOf(environment), List.copyOf(ports));
	}

	/**
	 * The manifest, from an OCI image layout ({@code index.json}) or, in the Docker
	 * format, from {@code manifest.json} rewritten to the same shape.
	 */
	private static JsonNode manifest(Path archive) throws IOException {
		if (Files.exists(archive.resolve("index.json"))) {
			JsonNode index = JSON.readTree(archive.resolve("index.json").toFile());
			String digest = index.path("manifests").get(0).path("digest").asText();
			return JSON.readTree(archive.resolve(blob(digest)).toFile());
		}
		JsonNode docker = JSON.readTree(archive.resolve("manifest.json").toFile()).get(0);
		var manifest = JSON.createObjectNode();
		manifest.putObject("config").put("digest", "file:" + docker.path("Config").asText());
		var layers = manifest.putArray("layers");
		docker.path("Layers").forEach((layer) -> layers.addObject().put("digest", "file:" + layer.asText()));
		return manifest;
	}

	private static String blob(String digest) {
		if (digest.startsWith("file:")) {
			return digest.substring("file:".length());
		}
		return "blobs/" + digest.replace(':', '/');
	}

	/**
	 * The entry point made to run here: the local JDK's {@code java} instead of the base
	 * image's, and every path under {@code /app} moved under {@link #root()} (including
	 * inside an {@code @argfile}).
	 */
	List<String> localCommand(Path javaHome) throws IOException {
		List<String> command = new ArrayList<>();
		for (String arg : this.entrypoint) {
			if (command.isEmpty()) {
				command.add(javaHome.resolve("bin/java").toString());
			}
			else if (arg.startsWith("@/")) {
				Path argFile = this.root.resolve(arg.substring(2));
				Path local = argFile.resolveSibling(argFile.getFileName() + ".local");
				Files.writeString(local, relocate(Files.readString(argFile, StandardCharsets.UTF_8)));
				command.add("@" + local);
			}
			else {
				command.add(relocate(arg));
			}
		}
		return command;
	}

	Path localWorkingDirectory() {
		return this.root.resolve(this.workingDirectory.replaceFirst("^/", ""));
	}

	private String relocate(String value) {
		return value.replace("/app/", this.root + "/app/");
	}

}
