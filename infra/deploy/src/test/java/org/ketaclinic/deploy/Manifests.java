package org.ketaclinic.deploy;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

/**
 * The objects an overlay renders to, each parsed into fabric8's typed model: Kubernetes'
 * own kinds into their classes, the operators' kinds (Strimzi, CloudNativePG) into
 * {@link GenericKubernetesResource}.
 */
record Manifests(List<HasMetadata> objects) {

	private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

	static Manifests render(String overlay) throws IOException, InterruptedException {
		return parse(Kubectl.kustomize(Project.root().resolve("infra/k8s/overlays").resolve(overlay)));
	}

	static Manifests parse(String yaml) {
		List<HasMetadata> objects = new ArrayList<>();
		for (String document : yaml.split("(?m)^---\\s*$")) {
			if (!document.isBlank()) {
				objects.add(SERIALIZATION.unmarshal(document, HasMetadata.class));
			}
		}
		return new Manifests(List.copyOf(objects));
	}

	<T extends HasMetadata> Stream<T> all(Class<T> type) {
		return this.objects.stream().filter(type::isInstance).map(type::cast);
	}

	Stream<GenericKubernetesResource> custom(String kind) {
		return all(GenericKubernetesResource.class).filter((resource) -> kind.equals(resource.getKind()));
	}

	<T extends HasMetadata> T named(Class<T> type, String name) {
		return all(type).filter((object) -> name.equals(object.getMetadata().getName()))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no " + type.getSimpleName() + " named " + name));
	}

	Optional<GenericKubernetesResource> custom(String kind, String name) {
		return custom(kind).filter((resource) -> name.equals(resource.getMetadata().getName())).findFirst();
	}

	/**
	 * Fields the typed model does not know (a misspelt {@code readinessProbes} would
	 * otherwise be dropped silently by the API server's pruning or ignored by kubectl).
	 */
	static List<String> unknownFields(Object object) {
		List<String> found = new ArrayList<>();
		collectUnknown(object, object.getClass().getSimpleName(), found);
		return found;
	}

	private static void collectUnknown(Object value, String path, List<String> found) {
		if (value == null || value instanceof GenericKubernetesResource) {
			return;
		}
		if (value instanceof Map<?, ?> map) {
			map.forEach((key, entry) -> collectUnknown(entry, path + "." + key, found));
			return;
		}
		if (value instanceof Collection<?> collection) {
			int index = 0;
			for (Object element : collection) {
				collectUnknown(element, path + "[" + index++ + "]", found);
			}
			return;
		}
		if (!value.getClass().getName().startsWith("io.fabric8.kubernetes.api.model")) {
			return;
		}
		for (Method getter : value.getClass().getMethods()) {
			if (getter.getParameterCount() != 0 || Modifier.isStatic(getter.getModifiers())
					|| !getter.getName().startsWith("get") || getter.getName().equals("getClass")) {
				continue;
			}
			Object property = invoke(getter, value);
			if (getter.getName().equals("getAdditionalProperties")) {
				if (property instanceof Map<?, ?> extra && !extra.isEmpty()) {
					found.add(path + ": " + extra.keySet());
				}
			}
			else {
				collectUnknown(property, path + "." + decapitalize(getter.getName().substring(3)), found);
			}
		}
	}

	/**
	 * Whether a label selector (its labels and its expressions, as Kubernetes reads them)
	 * selects the labels; no selector selects everything.
	 */
	static boolean selects(LabelSelector selector, Map<String, String> labels) {
		if (selector == null) {
			return true;
		}
		Map<String, String> matchLabels = (selector.getMatchLabels() != null) ? selector.getMatchLabels() : Map.of();
		List<LabelSelectorRequirement> expressions = (selector.getMatchExpressions() != null)
				? selector.getMatchExpressions() : List.of();
		return matchLabels.entrySet().stream().allMatch((entry) -> entry.getValue().equals(labels.get(entry.getKey())))
				&& expressions.stream().allMatch((expression) -> matches(expression, labels));
	}

	private static boolean matches(LabelSelectorRequirement expression, Map<String, String> labels) {
		String value = labels.get(expression.getKey());
		return switch (expression.getOperator()) {
			case "In" -> value != null && expression.getValues().contains(value);
			case "NotIn" -> value == null || !expression.getValues().contains(value);
			case "Exists" -> value != null;
			case "DoesNotExist" -> value == null;
			default -> throw new IllegalArgumentException("no such selector operator: " + expression.getOperator());
		};
	}

	private static Object invoke(Method getter, Object target) {
		try {
			return getter.invoke(target);
		}
		catch (IllegalAccessException | InvocationTargetException ex) {
			return null;
		}
	}

	private static String decapitalize(String name) {
		return name.isEmpty() ? name : Character.toLowerCase(name.charAt(0)) + name.substring(1);
	}

}
