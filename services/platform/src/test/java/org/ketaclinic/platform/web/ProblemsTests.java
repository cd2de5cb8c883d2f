package org.ketaclinic.platform.web;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

import org.junit.jupiter.api.Test;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

import static org.assertj.core.api.Assertions.assertThat;

class ProblemsTests {

	@Test
	void aDatabaseThatCannotBeReachedIsUnavailableNotAnInternalError() {
		assertThat(Problems.isUnavailable(new CannotGetJdbcConnectionException("pool",
				new SQLTransientConnectionException("Connection is not available, request timed out after 3000ms"))))
			.isTrue();
		assertThat(Problems.isUnavailable(new CannotCreateTransactionException("no connection"))).isTrue();
		assertThat(Problems.isUnavailable(new IllegalStateException(new SQLException("refused", "08001")))).isTrue();
		assertThat(Problems.isUnavailable(new RuntimeException(new SQLException("starting up", "57P03")))).isTrue();
		assertThat(Problems.isUnavailable(new RuntimeException(new ConnectException("Connection refused")))).isTrue();
		TransactionSystemException rollbackFailed = new TransactionSystemException("JDBC rollback failed",
				new SQLException("Connection is closed"));
		rollbackFailed.initApplicationException(new DataAccessResourceFailureException("I/O error"));
		assertThat(Problems.isUnavailable(rollbackFailed)).as("the rollback failed on the broken connection").isTrue();
	}

	@Test
	void faultsOfTheRequestOrTheCodeAreNotUnavailable() {
		assertThat(Problems.isUnavailable(new DataIntegrityViolationException("duplicate key"))).isFalse();
		assertThat(Problems.isUnavailable(new RuntimeException(new SQLException("syntax", "42601")))).isFalse();
		assertThat(Problems.isUnavailable(new NullPointerException())).isFalse();
		TransactionSystemException rollbackFailed = new TransactionSystemException("rollback failed",
				new SQLException("Connection is closed"));
		rollbackFailed.initApplicationException(new IllegalArgumentException("a bug"));
		assertThat(Problems.isUnavailable(rollbackFailed)).isFalse();
	}

	@Test
	void theUnavailableProblemIs503AndPromisesNothingChanged() {
		assertThat(Problems.unavailable().getStatus()).isEqualTo(503);
		assertThat(Problems.unavailable().getType()).isEqualTo(Problems.UNAVAILABLE);
		assertThat(Problems.unavailable().getDetail()).contains("nothing was changed");
	}

}
