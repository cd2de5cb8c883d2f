package org.ketaclinic.deploy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dev identity provider signs anyone in with a demo password and hands out ADMIN
 * tokens to a shared client: it is for the local stack and tests only, and never becomes
 * an image, so nothing can push it to a registry or deploy it (docs/adr/0009). Production
 * signs in through Keycloak or another provider.
 */
class DevIdentityProviderTests {

	@Test
	void itsBuildMakesNoImageWhateverTheImageSkipPropertySays() throws Exception {
		Document pom = parse("infra/dev-idp/pom.xml");
		assertThat(text(child(child(pom.getDocumentElement(), "properties"), "image.skip"))).isEqualTo("true");
		Element jib = plugin(pom, "jib-maven-plugin");
		assertThat(jib).as("Jib declared only to be switched off").isNotNull();
		assertThat(text(child(child(jib, "configuration"), "skip"))).as("a literal skip, not ${image.skip}")
			.isEqualTo("true");
		Element tar = child(child(jib, "executions"), "execution");
		assertThat(text(child(tar, "id"))).isEqualTo("image-tar");
		assertThat(text(child(tar, "phase"))).isEqualTo("none");
	}

	@Test
	void onlyTheServicesTheGatewayAndTheSmsSinkBuildImages() throws Exception {
		Document root = parse("pom.xml");
		assertThat(text(child(child(root.getDocumentElement(), "properties"), "image.skip")))
			.as("modules build no image unless they say so")
			.isEqualTo("true");
		Set<String> imageModules = new TreeSet<>();
		NodeList modules = child(root.getDocumentElement(), "modules").getElementsByTagName("module");
		for (int i = 0; i < modules.getLength(); i++) {
			String module = modules.item(i).getTextContent().trim();
			Element properties = child(parse(module + "/pom.xml").getDocumentElement(), "properties");
			if ("false".equals(text(child(properties, "image.skip")))) {
				imageModules.add(module);
			}
		}
		List<String> expected = new ArrayList<>();
		Project.SERVICES.forEach((service) -> expected.add(service.module()));
		expected.add(Project.GATEWAY.module());
		expected.add(Project.SMS_SINK.module());
		assertThat(imageModules).containsExactlyInAnyOrderElementsOf(expected).doesNotContain("infra/dev-idp");
	}

	@Test
	void noDeploymentNamesIt() throws Exception {
		List<Path> files = new ArrayList<>();
		for (String folder : List.of("infra/compose", "infra/k8s")) {
			try (Stream<Path> walk = Files.walk(Project.path(folder))) {
				walk.filter(Files::isRegularFile).forEach(files::add);
			}
		}
		assertThat(files).isNotEmpty();
		for (Path file : files) {
			assertThat(Files.readString(file)).as(file.toString())
				.doesNotContain("dev-idp")
				.doesNotContain(Project.DEV_IDP.mainClass());
		}
	}

	private static Document parse(String relative) throws Exception {
		DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
		factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
		return factory.newDocumentBuilder()
			.parse(new ByteArrayInputStream(Project.read(relative).getBytes(StandardCharsets.UTF_8)));
	}

	/** The module's own build plugin of this artifact id (not plugin management). */
	private static Element plugin(Document pom, String artifactId) {
		Element plugins = child(child(pom.getDocumentElement(), "build"), "plugins");
		if (plugins == null) {
			return null;
		}
		for (Node node = plugins.getFirstChild(); node != null; node = node.getNextSibling()) {
			if (node instanceof Element plugin && artifactId.equals(text(child(plugin, "artifactId")))) {
				return plugin;
			}
		}
		return null;
	}

	private static Element child(Element parent, String name) {
		if (parent == null) {
			return null;
		}
		for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
			if (node instanceof Element element && element.getTagName().equals(name)) {
				return element;
			}
		}
		return null;
	}

	private static String text(Element element) {
		return (element != null) ? element.getTextContent().trim() : null;
	}

}
