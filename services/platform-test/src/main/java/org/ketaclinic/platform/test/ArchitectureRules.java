package org.ketaclinic.platform.test;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** Architecture rules every service keeps, for its ArchUnit tests. */
public final class ArchitectureRules {

	private static final String PRE_AUTHORIZE = "org.springframework.security.access.prepost.PreAuthorize";

	private ArchitectureRules() {
	}

	/**
	 * Every request handler of a controller declares the roles it serves, on itself or
	 * its class: a new endpoint is never open to every signed-in caller by accident.
	 */
	public static ArchRule endpointsDeclareTheirRoles() {
		return methods().that()
			.areDeclaredInClassesThat()
			.areAnnotatedWith("org.springframework.web.bind.annotation.RestController")
			.and(requestHandlers())
			.should(declareRoles())
			.because("each endpoint declares the roles it serves (security baseline)");
	}

	/**
	 * Clinical rules and scheduling policies are plain Java: no Spring, Kafka, JDBC or
	 * JSON types, so they read like the criteria and are tested without infrastructure.
	 * @param classNamePattern a regular expression of the classes holding rules, e.g.
	 * {@code .*Rules}
	 */
	public static ArchRule rulesArePlainJava(String classNamePattern) {
		return noClasses().that()
			.haveNameMatching(classNamePattern)
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("org.springframework..", "org.apache.kafka..", "java.sql..", "javax.sql..",
					"tools.jackson..", "com.fasterxml.jackson..")
			.because("rules and policies are plain Java (conventions)");
	}

	private static DescribedPredicate<JavaMethod> requestHandlers() {
		return new DescribedPredicate<>("handle requests") {
			@Override
			public boolean test(JavaMethod method) {
				return method.getAnnotations()
					.stream()
					.anyMatch((annotation) -> annotation.getRawType()
						.getPackageName()
						.equals("org.springframework.web.bind.annotation")
							&& annotation.getRawType().getSimpleName().endsWith("Mapping"));
			}
		};
	}

	private static ArchCondition<JavaMethod> declareRoles() {
		return new ArchCondition<>("declare their roles with @PreAuthorize") {
			@Override
			public void check(JavaMethod method, ConditionEvents events) {
				JavaClass owner = method.getOwner();
				boolean declared = method.isAnnotatedWith(PRE_AUTHORIZE) || owner.isAnnotatedWith(PRE_AUTHORIZE);
				events.add(new SimpleConditionEvent(method, declared,
						method.getFullName() + (declared ? " declares" : " does not declare") + " its roles"));
			}
		};
	}

}
