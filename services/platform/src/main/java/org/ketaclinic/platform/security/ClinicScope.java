package org.ketaclinic.platform.security;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.ketaclinic.platform.web.InvalidRequestException;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/**
 * The clinics the current caller works for (ADR 12): read from the token's
 * {@code ketaclinic.security.clinics-claim} ({@code clinics}, a list of clinic ids, or
 * one id). A token without the claim has no clinic and sees nothing; there is no
 * wildcard. Every service filters the rows it reads by these clinics, in its queries, and
 * answers 404 for a row of another clinic, so an id never confirms that a patient exists
 * elsewhere.
 */
public class ClinicScope {

	private final String claim;

	private final String defaultClinic;

	public ClinicScope(String claim, String defaultClinic) {
		this.claim = claim;
		this.defaultClinic = defaultClinic;
	}

	/**
	 * The clinic of records and events that name none: those written before clinics
	 * existed, and events of producers that do not send one yet
	 * ({@code ketaclinic.security.default-clinic}).
	 */
	public String defaultClinic() {
		return this.defaultClinic;
	}

	/**
	 * The clinic of an event or row that may name none: its own, or the default clinic
	 * for those written before clinics.
	 */
	public String orDefault(String clinicId) {
		return (clinicId != null) ? clinicId : this.defaultClinic;
	}

	/** The current caller's clinics, in the token's order; empty without a caller. */
	public List<String> clinics() {
		return clinicsOf(SecurityContextHolder.getContext().getAuthentication());
	}

	/** The clinics of this authentication; empty unless it is a token that lists some. */
	public List<String> clinicsOf(Authentication authentication) {
		if (!(authentication instanceof JwtAuthenticationToken token)) {
			return List.of();
		}
		return clinicsOf(token.getToken());
	}

	/** The clinics a token lists. */
	public List<String> clinicsOf(Jwt token) {
		Object value = token.getClaims().get(this.claim);
		Set<String> clinics = new LinkedHashSet<>();
		if (value instanceof Collection<?> values) {
			values.forEach((clinic) -> add(clinics, clinic));
		}
		else if (value instanceof String text) {
			for (String clinic : text.split("[\\s,]+")) {
				add(clinics, clinic);
			}
		}
		return List.copyOf(clinics);
	}

	/**
	 * The current caller's clinics as an array, for a query's {@code clinic_id = ANY(?)};
	 * an empty array matches no row.
	 */
	public String[] sqlArray() {
		return clinics().toArray(String[]::new);
	}

	/** Whether the current caller works for this clinic. */
	public boolean includes(String clinicId) {
		return clinicId != null && clinics().contains(clinicId);
	}

	/**
	 * The clinic a new record of the current caller belongs to: the one the request
	 * names, which must be one of the caller's, or else the caller's only clinic.
	 * @param requested the clinic the request names, or null
	 * @param field the request field that names it, for the error
	 * @throws InvalidRequestException naming the field when the request names a clinic
	 * that is not the caller's, or names none while the caller has several or none
	 */
	public String forNewRecord(String requested, String field) {
		List<String> clinics = clinics();
		if (requested != null && !requested.isBlank()) {
			if (!clinics.contains(requested)) {
				throw new InvalidRequestException(field, "is not one of your clinics " + clinics);
			}
			return requested;
		}
		if (clinics.size() == 1) {
			return clinics.get(0);
		}
		throw new InvalidRequestException(field,
				clinics.isEmpty() ? "your sign-in names no clinic; ask an administrator to assign you one"
						: "name one of your clinics " + clinics);
	}

	private static void add(Set<String> clinics, Object clinic) {
		if (clinic != null && !clinic.toString().isBlank()) {
			clinics.add(clinic.toString().trim());
		}
	}

}
