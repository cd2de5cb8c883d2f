package org.ketaclinic.interop.fhir;

import java.util.Map;

import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;

/**
 * The {@code OperationOutcome}s the FHIR paths answer with (ADR 18): what FHIR clients
 * read, where the rest of the platform answers {@code application/problem+json}.
 */
public final class Outcomes {

	private Outcomes() {
	}

	/** Nothing by that reference, as in {@code Questionnaire/x}. */
	public static OperationOutcome notFound(String reference) {
		return outcome(IssueType.NOTFOUND, "No " + reference);
	}

	/**
	 * A request parameter (or, for a posted resource, an item) that is wrong: the issue's
	 * {@code expression} names it, as problem details name a field.
	 */
	public static OperationOutcome invalid(String name, String message) {
		OperationOutcome outcome = outcome(IssueType.INVALID, name + " " + message);
		outcome.getIssueFirstRep().addExpression(name);
		return outcome;
	}

	/**
	 * Every item that is wrong, one issue each, its {@code expression} naming the item
	 * (for a referral, the {@code linkId}, which is the intake body's field path).
	 * @param problems why each is wrong, by its name
	 */
	public static OperationOutcome invalid(Map<String, String> problems) {
		OperationOutcome outcome = new OperationOutcome();
		problems.forEach((name, message) -> outcome.addIssue()
			.setSeverity(IssueSeverity.ERROR)
			.setCode(IssueType.INVALID)
			.setDiagnostics(name + " " + message)
			.addExpression(name));
		return outcome;
	}

	/** A request refused for another reason than its content (who asks, a conflict). */
	public static OperationOutcome refused(IssueType type, String diagnostics) {
		return outcome(type, diagnostics);
	}

	private static OperationOutcome outcome(IssueType type, String diagnostics) {
		OperationOutcome outcome = new OperationOutcome();
		outcome.addIssue().setSeverity(IssueSeverity.ERROR).setCode(type).setDiagnostics(diagnostics);
		return outcome;
	}

}
