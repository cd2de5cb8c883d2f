package org.ketaclinic.scheduling;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.core.domain.JavaMethodReference;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import org.junit.jupiter.api.Test;
import org.ketaclinic.platform.test.ArchitectureRules;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;

class ArchitectureTests {

	private static final String ROOT = "org.ketaclinic.scheduling";

	/**
	 * Reads of a row by its id: a {@code find…} or {@code lock…}, or a location or the
	 * location of a chair, in a repository or service.
	 */
	private static final Pattern READ = Pattern.compile("(find|lock)\\w*|location|locationOfChair");

	private final JavaClasses classes = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages(ROOT);

	@Test
	void everyEndpointDeclaresItsRoles() {
		ArchitectureRules.endpointsDeclareTheirRoles().check(this.classes);
	}

	@Test
	void schedulingPoliciesArePlainJava() {
		ArchitectureRules.rulesArePlainJava(
				"org\\.ketaclinic\\.scheduling\\.(protocol\\.(Protocol|SeriesRules)|clinic\\.ClinicDay|record\\.(BloodPressureGate|PreDoseSafety)|safety\\.DosingHolds)(\\$.*)?")
			.check(this.classes);
	}

	/**
	 * ADR 12: whatever a staff endpoint reads or changes, it loads through the caller's
	 * clinics, all the way down: no endpoint reaches, directly or through the commands it
	 * calls, a read of a plan, session, proposal, location or chair by id that does not
	 * take the clinics ({@code String[]}) its SQL filters by. Event listeners and jobs
	 * are system paths and may read unscoped; the unscoped reads stay for them.
	 */
	@Test
	void endpointsReachRowsOnlyThroughTheCallersClinics() {
		methods().that()
			.areDeclaredInClassesThat()
			.resideInAPackage(ROOT + ".web..")
			.should(new ArchCondition<JavaMethod>("reach only reads filtered by the caller's clinics") {
				@Override
				public void check(JavaMethod endpoint, ConditionEvents events) {
					unscopedReadsReachedFrom(endpoint).forEach(
							(read, path) -> events.add(SimpleConditionEvent.violated(endpoint, endpoint.getFullName()
									+ " reaches the unscoped read " + read.getFullName() + " through " + path)));
				}
			})
			.because("staff see and change only their clinics' rows (ADR 12)")
			.check(this.classes);
	}

	/**
	 * Every unscoped read the code unit reaches through calls and method references
	 * within scheduling (ArchUnit counts a lambda's calls as its enclosing method's),
	 * with the path to it.
	 */
	private static Map<JavaMethod, String> unscopedReadsReachedFrom(JavaCodeUnit start) {
		Map<JavaMethod, String> found = new LinkedHashMap<>();
		Set<JavaCodeUnit> seen = new HashSet<>();
		Deque<Map.Entry<JavaCodeUnit, String>> todo = new ArrayDeque<>();
		todo.add(Map.entry(start, start.getName()));
		while (!todo.isEmpty()) {
			Map.Entry<JavaCodeUnit, String> next = todo.poll();
			JavaCodeUnit unit = next.getKey();
			if (!seen.add(unit)) {
				continue;
			}
			for (JavaMethod target : targets(unit)) {
				String path = next.getValue() + " -> " + target.getOwner().getSimpleName() + "." + target.getName();
				if (isUnscopedRead(target)) {
					found.putIfAbsent(target, path);
				}
				else {
					todo.add(Map.entry(target, path));
				}
			}
		}
		return found;
	}

	private static Set<JavaMethod> targets(JavaCodeUnit unit) {
		Set<JavaMethod> targets = new HashSet<>();
		for (JavaMethodCall call : unit.getMethodCallsFromSelf()) {
			inScheduling(call.getTarget().resolveMember()).ifPresent(targets::add);
		}
		for (JavaMethodReference reference : unit.getMethodReferencesFromSelf()) {
			inScheduling(reference.getTarget().resolveMember()).ifPresent(targets::add);
		}
		return targets;
	}

	private static Optional<JavaMethod> inScheduling(Optional<JavaMethod> method) {
		return method.filter((m) -> m.getOwner().getPackageName().startsWith(ROOT)
				&& !m.getOwner().getPackageName().startsWith(ROOT + ".events"));
	}

	private static boolean isUnscopedRead(JavaMethod method) {
		JavaClass owner = method.getOwner();
		boolean component = owner.isAnnotatedWith("org.springframework.stereotype.Repository")
				|| owner.isAnnotatedWith("org.springframework.stereotype.Service")
				|| owner.isAnnotatedWith("org.springframework.stereotype.Component");
		boolean scoped = method.getRawParameterTypes()
			.stream()
			.anyMatch((type) -> type.getName().equals(String[].class.getName()));
		return component && READ.matcher(method.getName()).matches() && !scoped;
	}

}
