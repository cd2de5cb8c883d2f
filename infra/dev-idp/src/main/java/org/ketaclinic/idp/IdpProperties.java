package org.ketaclinic.idp;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Demo users, the role of each script client, and where the signing key is kept.
 *
 * @param keyFile the signing key (a JWK), made on first start and kept so tokens survive
 * a restart
 * @param users demo users by user name
 * @param clientRoles the roles a client-credentials token of each client carries
 * @param clientAudiences the audiences ({@code aud}) of each client's access tokens; a
 * client not listed gets only its own id, as the other applications of a real realm do
 * @param clientClinics the clinics ({@code clinics} claim, ADR 12) a client-credentials
 * token of each client works for; a client not listed works for none
 */
@Validated
@ConfigurationProperties("ketaclinic.idp")
public record IdpProperties(@NotNull Path keyFile, Map<String, User> users, Map<String, List<String>> clientRoles,
		Map<String, List<String>> clientAudiences, Map<String, List<String>> clientClinics) {

	public IdpProperties {
		users = (users != null) ? Map.copyOf(users) : Map.of();
		clientRoles = (clientRoles != null) ? Map.copyOf(clientRoles) : Map.of();
		clientAudiences = (clientAudiences != null) ? Map.copyOf(clientAudiences) : Map.of();
		clientClinics = (clientClinics != null) ? Map.copyOf(clientClinics) : Map.of();
	}

	/**
	 * A demo user.
	 *
	 * @param password the password (local development only)
	 * @param roles the platform roles
	 * @param clinics the clinics the user works for (ADR 12); none sees no patient
	 */
	public record User(String password, List<String> roles, List<String> clinics) {

		public User {
			clinics = (clinics != null) ? List.copyOf(clinics) : List.of();
		}

	}

}
