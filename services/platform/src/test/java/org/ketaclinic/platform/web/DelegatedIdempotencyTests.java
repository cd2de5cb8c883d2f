package org.ketaclinic.platform.web;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockHttpServletRequest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A command whose key another service records (interop's referrals, which intake runs) is
 * not recorded here: the service it is handed to answers retries in full, and nothing
 * holds a transaction open while it answers. Every other command with a key is.
 */
class DelegatedIdempotencyTests {

	private final IdempotencyKeyFilter filter = new IdempotencyKeyFilter(null, null, null,
			List.of("/fhir/r4/QuestionnaireResponse"));

	@Test
	void aDelegatedCommandIsLeftToTheServiceThatRunsIt() {
		assertThat(this.filter.shouldNotFilter(command("POST", "/fhir/r4/QuestionnaireResponse"))).isTrue();
	}

	@Test
	void anyOtherCommandWithAKeyIsRecordedHereAndReadsAndKeylessCommandsAreNot() {
		assertThat(this.filter.shouldNotFilter(command("POST", "/api/intake/submissions"))).isFalse();
		assertThat(this.filter.shouldNotFilter(command("PUT", "/fhir/r4/Patient/x"))).isFalse();
		assertThat(this.filter.shouldNotFilter(command("GET", "/api/intake/submissions"))).isTrue();
		MockHttpServletRequest keyless = new MockHttpServletRequest("POST", "/api/intake/submissions");
		assertThat(this.filter.shouldNotFilter(keyless)).isTrue();
	}

	private static MockHttpServletRequest command(String method, String path) {
		MockHttpServletRequest request = new MockHttpServletRequest(method, path);
		request.addHeader(IdempotencyKeyFilter.HEADER, "key-1");
		return request;
	}

}
