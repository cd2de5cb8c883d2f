package org.ketaclinic.platform.inbox;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

import org.apache.kafka.common.errors.RetriableException;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.transaction.CannotCreateTransactionException;

/**
 * Tells a failure of the system (the database or the broker unreachable, a timeout, a
 * lock that could not be had) from a failure of the message. A transient failure says
 * nothing about the event: it is retried without limit and never dead-lettered. Anything
 * else is the message's own fault once its retries are spent.
 */
public final class TransientFailures {

	/**
	 * PostgreSQL SQLStates of a system, not a statement, failing: the whole connection
	 * exception class {@code 08}, and the states listed here.
	 */
	private static final Set<String> TRANSIENT_SQL_STATES = Set.of(
			// lock_not_available (lock_timeout, NOWAIT)
			"55P03",
			// query_canceled (statement_timeout)
			"57014",
			// admin_shutdown, crash_shutdown, cannot_connect_now
			"57P01", "57P02", "57P03",
			// too_many_connections
			"53300",
			// serialization_failure, deadlock_detected
			"40001", "40P01");

	private TransientFailures() {
	}

	/** Whether the failure, or anything in its cause chain, is transient. */
	public static boolean isTransient(Throwable failure) {
		Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
		for (Throwable current = failure; current != null && seen.add(current); current = current.getCause()) {
			if (isTransientItself(current)) {
				return true;
			}
		}
		return false;
	}

	private static boolean isTransientItself(Throwable failure) {
		if (failure instanceof TransientDataAccessException || failure instanceof RecoverableDataAccessException
				|| failure instanceof DataAccessResourceFailureException
				|| failure instanceof PessimisticLockingFailureException
				|| failure instanceof CannotCreateTransactionException) {
			return true;
		}
		if (failure instanceof SQLTransientException || failure instanceof SQLRecoverableException) {
			return true;
		}
		if (failure instanceof SQLException sql && sql.getSQLState() != null) {
			String state = sql.getSQLState();
			return state.startsWith("08") || TRANSIENT_SQL_STATES.contains(state);
		}
		if (failure instanceof ConnectException || failure instanceof SocketTimeoutException
				|| failure instanceof NoRouteToHostException || failure instanceof UnknownHostException) {
			return true;
		}
		// Kafka's TimeoutException is a RetriableException
		return failure instanceof RetriableException;
	}

}
