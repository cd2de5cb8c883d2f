package org.ketaclinic.platform.openapi;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import org.springdoc.core.customizers.OperationCustomizer;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.method.HandlerMethod;

/**
 * Documents the roles of each operation from its {@code @PreAuthorize}: the extension
 * {@code x-roles} lists them, {@code x-public: true} marks an operation anyone may call
 * (its own token or signature aside). What the document says is what the service
 * enforces: both come from the same annotation.
 */
public class OpenApiRoles implements OperationCustomizer {

	private static final Pattern ROLE = Pattern.compile("'([A-Z_]+)'");

	@Override
	public Operation customize(Operation operation, HandlerMethod handlerMethod) {
		PreAuthorize rule = handlerMethod.getMethodAnnotation(PreAuthorize.class);
		if (rule == null) {
			rule = handlerMethod.getBeanType().getAnnotation(PreAuthorize.class);
		}
		if (rule == null) {
			return operation;
		}
		if (rule.value().contains("permitAll")) {
			operation.addExtension("x-public", true);
			return operation;
		}
		List<String> roles = new ArrayList<>();
		Matcher matcher = ROLE.matcher(rule.value());
		while (matcher.find()) {
			roles.add(matcher.group(1));
		}
		operation.addExtension("x-roles", roles);
		operation.addSecurityItem(new SecurityRequirement().addList("bearer"));
		return operation;
	}

}
