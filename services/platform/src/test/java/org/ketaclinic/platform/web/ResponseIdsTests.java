package org.ketaclinic.platform.web;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ResponseIdsTests {

	@Test
	void keepsIdsAndStatusesInTheResponsesShapeAndDropsPatientData() {
		String response = """
				{"submissionId": "5f0e7d2a-1c3b-4e5f-8a9b-0c1d2e3f4a5b", "patientId": "6a1f8e3b-2d4c-4f60-9bac-1d2e3f4a5b6c",
				 "status": "RECEIVED", "version": 2,
				 "patient": {"givenName": "Ada", "familyName": "Byron", "dateOfBirth": "1980-01-02"},
				 "sessions": [{"sessionId": "7b2a9f4c-3e5d-4a71-8cbd-2e3f4a5b6c7d", "startsAt": "2027-01-01T09:00:00Z"},
				              {"sessionId": 42, "note": "anxious"}],
				 "ruleIds": ["SCR-EXC-03"], "externalId": "Ada Byron's chart", "providerStatus": "came in late",
				 "duplicateOfIds": ["8c3b0a5d-4f6e-4b82-9dce-3f4a5b6c7d8e", {"nested": "no"}]}""";
		String kept = new String(ResponseIds.of(response.getBytes(StandardCharsets.UTF_8), "application/json"),
				StandardCharsets.UTF_8);
		assertThat(kept).isEqualTo(
				"""
						{"submissionId":"5f0e7d2a-1c3b-4e5f-8a9b-0c1d2e3f4a5b","patientId":"6a1f8e3b-2d4c-4f60-9bac-1d2e3f4a5b6c",\
						"status":"RECEIVED","sessions":[{"sessionId":"7b2a9f4c-3e5d-4a71-8cbd-2e3f4a5b6c7d"},{"sessionId":42}],\
						"ruleIds":[],"duplicateOfIds":["8c3b0a5d-4f6e-4b82-9dce-3f4a5b6c7d8e"]}""");
		assertThat(kept).doesNotContain("Ada", "Byron", "1980", "anxious", "SCR-EXC", "late");
	}

	@Test
	void keepsNothingOfABodyThatIsNotJson() {
		assertThat(ResponseIds.of("Ada Byron".getBytes(StandardCharsets.UTF_8), "text/plain")).isNull();
		assertThat(ResponseIds.of("{broken".getBytes(StandardCharsets.UTF_8), "application/json")).isNull();
		assertThat(ResponseIds.of(null, "application/json")).isNull();
	}

}
