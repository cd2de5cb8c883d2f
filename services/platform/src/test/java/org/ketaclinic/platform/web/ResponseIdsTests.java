package org.ketaclinic.platform.web;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ResponseIdsTests {

	@Test
	void keepsIdsAndStatusesInTheResponsesShapeAndDropsPatientData() {
		String response = """
				{"submissionId": "s-1", "patientId": "p-1", "status": "RECEIVED",
				 "patient": {"givenName": "Ada", "familyName": "Byron", "dateOfBirth": "1980-01-02"},
				 "sessions": [{"sessionId": "x-1", "startsAt": "2027-01-01T09:00:00Z", "chairId": "c-1"},
				              {"sessionId": "x-2", "note": "anxious"}],
				 "duplicateOfIds": ["p-0", {"nested": "no"}]}""";
		String kept = new String(ResponseIds.of(response.getBytes(StandardCharsets.UTF_8), "application/json"),
				StandardCharsets.UTF_8);
		assertThat(kept).isEqualTo("""
				{"submissionId":"s-1","patientId":"p-1","status":"RECEIVED",\
				"sessions":[{"sessionId":"x-1","chairId":"c-1"},{"sessionId":"x-2"}],\
				"duplicateOfIds":["p-0"]}""");
		assertThat(kept).doesNotContain("Ada", "Byron", "1980", "anxious");
	}

	@Test
	void keepsNothingOfABodyThatIsNotJson() {
		assertThat(ResponseIds.of("Ada Byron".getBytes(StandardCharsets.UTF_8), "text/plain")).isNull();
		assertThat(ResponseIds.of("{broken".getBytes(StandardCharsets.UTF_8), "application/json")).isNull();
		assertThat(ResponseIds.of(null, "application/json")).isNull();
	}

}
