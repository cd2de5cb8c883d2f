package org.ketaclinic.platform.openapi;

import java.util.List;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;

/** The OpenAPI document of a service: its title, bearer security and operation roles. */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(OpenAPI.class)
public class OpenApiConfiguration {

	@Bean
	@ConditionalOnMissingBean
	OpenAPI serviceOpenApi(@Value("${spring.application.name:service}") String name) {
		return new OpenAPI()
			.info(new Info().title("KetaClinic " + name + " API")
				.version("v1")
				.description("Bearer JWT from the identity provider; roles in the roles claim. Errors are"
						+ " application/problem+json."))
			// calls go through the gateway, whatever address the service itself listens
			// on
			.servers(List.of(new Server().url("/").description("the gateway")))
			.components(new Components().addSecuritySchemes("bearer",
					new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("JWT")));
	}

	@Bean
	OpenApiRoles openApiRoles() {
		return new OpenApiRoles();
	}

}
