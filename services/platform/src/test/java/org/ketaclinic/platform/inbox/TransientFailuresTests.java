package org.ketaclinic.platform.inbox;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.Test;
import org.ketaclinic.platform.events.MalformedEventException;

import org.springframework.dao.CannotAcquireLockException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.jdbc.UncategorizedSQLException;
import org.springframework.kafka.listener.ListenerExecutionFailedException;
import org.springframework.transaction.CannotCreateTransactionException;

import static org.assertj.core.api.Assertions.assertThat;

class TransientFailuresTests {

	@Test
	void aPoolThatCannotHandOutAConnectionIsTransientHoweverDeepItIsWrapped() {
		Exception pool = new SQLTransientConnectionException("proof - Connection is not available, request timed out",
				new SQLException("FATAL: database is not currently accepting connections", "55000"));
		Exception failure = new ListenerExecutionFailedException("listener failed",
				new CannotCreateTransactionException("Could not open JDBC Connection for transaction", pool));
		assertThat(TransientFailures.isTransient(failure)).isTrue();
	}

	@Test
	void timeoutsLocksAndUnreachableServersAreTransient() {
		assertThat(TransientFailures.isTransient(new QueryTimeoutException("statement timeout"))).isTrue();
		assertThat(TransientFailures.isTransient(new CannotAcquireLockException("lock"))).isTrue();
		assertThat(TransientFailures.isTransient(new CannotGetJdbcConnectionException("no connection"))).isTrue();
		assertThat(TransientFailures.isTransient(new UncategorizedSQLException("update", "UPDATE x",
				new SQLException("canceling statement due to lock timeout", "55P03"))))
			.isTrue();
		assertThat(TransientFailures.isTransient(new UncategorizedSQLException("update", "UPDATE x",
				new SQLException("terminating connection due to administrator command", "57P01"))))
			.isTrue();
		assertThat(TransientFailures.isTransient(new SQLException("I/O error", "08006"))).isTrue();
		assertThat(TransientFailures.isTransient(new IllegalStateException(new ConnectException("refused")))).isTrue();
		assertThat(TransientFailures.isTransient(new TimeoutException("broker did not answer"))).isTrue();
	}

	@Test
	void whatFailsOnAHealthySystemIsNotTransient() {
		assertThat(TransientFailures.isTransient(new IllegalStateException("a bug"))).isFalse();
		assertThat(TransientFailures.isTransient(new MalformedEventException("not a CloudEvent"))).isFalse();
		assertThat(TransientFailures.isTransient(new DataIntegrityViolationException("duplicate key"))).isFalse();
		assertThat(TransientFailures.isTransient(
				new UncategorizedSQLException("select", "SELECT x", new SQLException("division by zero", "22012"))))
			.isFalse();
		assertThat(TransientFailures.isTransient(new RecordTooLargeException("too large"))).isFalse();
	}

}
