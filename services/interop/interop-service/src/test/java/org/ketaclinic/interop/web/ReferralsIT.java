package org.ketaclinic.interop.web;

import java.net.http.HttpResponse;

import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.QuestionnaireResponse.QuestionnaireResponseStatus;
import org.hl7.fhir.r4.model.StringType;
import org.junit.jupiter.api.Test;
import org.ketaclinic.interop.fhir.Fhir;
import org.ketaclinic.interop.fhir.IntakeQuestionnaire;
import org.ketaclinic.platform.test.TestTokens;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Referrals posted as a {@code QuestionnaireResponse} as a referring system meets them
 * when something is wrong: what does not fit the form is named item by item before intake
 * is asked; intake not answering is a transient outcome to retry; only those who may
 * refer may post. (The walk of a referral through a real intake, screening and booking is
 * {@code infra/acceptance}'s.)
 */
class ReferralsIT extends InteropIntegrationTest {

	private static final String FRONT_DESK = TestTokens.bearer("desk-1", "FRONT_DESK");

	@Test
	void answersThatDoNotFitTheFormAre422NamingEachItem() throws Exception {
		QuestionnaireResponse response = completed();
		response.addItem().setLinkId("clinical.systolicBp").addAnswer().setValue(new StringType("high"));
		response.addItem().setLinkId("clinical.cssrs.q9Unknown").addAnswer().setValue(new BooleanType(true));

		HttpResponse<String> refused = post(Fhir.json(response), FRONT_DESK);

		assertThat(refused.statusCode()).as(refused.body()).isEqualTo(422);
		OperationOutcome outcome = Fhir.read(OperationOutcome.class, refused.body());
		assertThat(outcome.getIssue()).extracting((issue) -> issue.getExpression().get(0).getValue())
			.containsExactly("clinical.systolicBp", "clinical.cssrs.q9Unknown");
		assertThat(outcome.getIssue()).allSatisfy((issue) -> assertThat(issue.getCode()).isEqualTo(IssueType.INVALID));
	}

	@Test
	void aReferralWhileIntakeDoesNotAnswerIsATransientOutcomeToSendAgain() throws Exception {
		QuestionnaireResponse response = completed();
		response.addItem().setLinkId("clinical.systolicBp").addAnswer().setValue(new IntegerType(128));

		HttpResponse<String> unavailable = post(Fhir.json(response), FRONT_DESK);

		assertThat(unavailable.statusCode()).as(unavailable.body()).isEqualTo(503);
		assertThat(unavailable.headers().firstValue("Retry-After")).isPresent();
		assertThat(Fhir.read(OperationOutcome.class, unavailable.body()).getIssueFirstRep().getCode())
			.isEqualTo(IssueType.TRANSIENT);
	}

	@Test
	void somethingThatIsNotAResponseOrTooLargeIsRefusedAsAnOutcome() throws Exception {
		HttpResponse<String> notFhir = post("{\"resourceType\":\"Patient\",\"id\":\"x\"}", FRONT_DESK);
		assertThat(notFhir.statusCode()).isEqualTo(400);
		assertThat(
				Fhir.read(OperationOutcome.class, notFhir.body()).getIssueFirstRep().getExpression().get(0).getValue())
			.isEqualTo("QuestionnaireResponse");

		HttpResponse<String> huge = post(
				"{\"resourceType\":\"QuestionnaireResponse\",\"text\":\"" + "x".repeat(1100000) + "\"}", FRONT_DESK);
		assertThat(huge.statusCode()).isEqualTo(413);
	}

	@Test
	void onlyThoseWhoMayReferPostAReferral() throws Exception {
		String body = Fhir.json(completed());
		assertThat(post(body, null).statusCode()).isEqualTo(401);
		assertThat(post(body, TestTokens.bearer("admin-1", "ADMIN")).statusCode()).isEqualTo(403);
	}

	private static QuestionnaireResponse completed() {
		return new QuestionnaireResponse().setQuestionnaire(IntakeQuestionnaire.URL)
			.setStatus(QuestionnaireResponseStatus.COMPLETED);
	}

	private HttpResponse<String> post(String body, String bearer) throws Exception {
		return new FhirApi(this.port).post("/fhir/r4/QuestionnaireResponse", body, bearer);
	}

}
