package org.ketaclinic.followup.delivery;

/** A way to reach a patient. */
public interface Channel {

	/** {@code SMS} or {@code EMAIL}. */
	String name();

	/**
	 * Sends one message.
	 * @param to the phone number or email address
	 * @param text what to send
	 * @param idempotencyKey the same for every attempt of one delivery on this channel
	 * @return what happened
	 */
	Result send(String to, Composer.Text text, String idempotencyKey);

	/**
	 * The outcome of a send.
	 *
	 * @param outcome what happened
	 * @param providerId the provider's id of the message, when accepted
	 * @param detail why it failed, without patient data
	 * @param maybeTaken for a failure: whether the provider may have taken the message
	 * all the same (a request that timed out, a connection lost after the content went),
	 * so that sending it by another channel could reach the patient twice; false when the
	 * provider certainly has nothing (the connection refused, a refusal answered)
	 */
	record Result(Outcome outcome, String providerId, String detail, boolean maybeTaken) {

		static Result sent(String providerId) {
			return new Result(Outcome.SENT, providerId, null, false);
		}

		static Result delivered(String providerId) {
			return new Result(Outcome.DELIVERED, providerId, null, false);
		}

		static Result tryAgain(String detail) {
			return new Result(Outcome.TRY_AGAIN, null, detail, false);
		}

		/** A failure after which the provider may have the message all the same. */
		static Result tryAgainMaybeTaken(String detail) {
			return new Result(Outcome.TRY_AGAIN, null, detail, true);
		}

		/** The provider refused or could not be reached: it has nothing. */
		static Result unavailable(String detail) {
			return new Result(Outcome.UNAVAILABLE, null, detail, false);
		}

		/** The provider stopped answering mid-request: it may have the message. */
		static Result unavailableMaybeTaken(String detail) {
			return new Result(Outcome.UNAVAILABLE, null, detail, true);
		}

		static Result rejected(String detail) {
			return new Result(Outcome.REJECTED, null, detail, false);
		}

	}

	/** Outcomes of a send. */
	enum Outcome {

		/** Accepted for delivery. */
		SENT,
		/** Delivered to the handset. */
		DELIVERED,
		/**
		 * This message failed for now; retry later. Counts against the channel's
		 * attempts: when they run out the other channel is tried, unless the provider
		 * {@linkplain Result#maybeTaken() may have it} (then a person checks).
		 */
		TRY_AGAIN,
		/**
		 * The provider could not be reached or said it is unavailable: nothing is wrong
		 * with the message. The dispatcher retries on the same channel without counting
		 * the attempt, for as long as the outage lasts.
		 */
		UNAVAILABLE,
		/** Never deliverable this way (bad address, number unreachable). */
		REJECTED

	}

}
