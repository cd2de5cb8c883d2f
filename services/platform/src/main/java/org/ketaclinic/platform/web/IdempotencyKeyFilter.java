package org.ketaclinic.platform.web;

import java.io.ByteArrayInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.ketaclinic.platform.security.ClinicScope;

import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * {@code Idempotency-Key} for commands. The first request with a key runs inside one
 * database transaction together with the record of its response, so a command either took
 * effect and its response is stored, or neither happened. A retry with the same key and
 * body gets the stored response again; the same key with a different body gets 422. A
 * concurrent duplicate waits on the key's row until the first one commits, then gets its
 * response. Keys are scoped per caller; only successful (2xx) responses are stored, so a
 * rejected request can be corrected and sent again with the same key. A record keeps the
 * response's status, location and ids, never the rest of its body (patient data), and is
 * deleted after the retention ({@link IdempotencyRecordPurge}); a replay answers with
 * those ids.
 * <p>
 * A record also keeps the caller's clinics ({@link ClinicScope#clinics()}, ADR 12) at the
 * time the command ran, and is replayed only while the caller still works for all of
 * them: the stored ids may be records of any of those clinics, and a user removed from a
 * clinic must not read them again within the retention. When the caller's clinics no
 * longer cover the stored ones (or the record predates this check and names none) the
 * retry is answered 409 with a problem, and nothing runs. Treating it as a new request
 * instead would run the command a second time under the same key, so one client retry
 * could take effect twice (in the clinics the caller still has); the conflict changes
 * nothing, reveals nothing the caller did not already see, and the client can send a new
 * key.
 */
public class IdempotencyKeyFilter extends OncePerRequestFilter {

	/** The request header. */
	public static final String HEADER = "Idempotency-Key";

	/** Response header set on a replayed response. */
	public static final String REPLAYED_HEADER = "Idempotent-Replayed";

	private static final Set<String> COMMANDS = Set.of("POST", "PUT", "PATCH", "DELETE");

	private static final Pattern VALID_KEY = Pattern.compile("[\\x21-\\x7e]{1,255}");

	private static final int MAX_BODY = 1024 * 1024;

	private final JdbcTemplate jdbc;

	private final TransactionTemplate transactions;

	private final ClinicScope clinics;

	private final List<String> delegatedPaths;

	/**
	 * @param jdbc where the records are kept
	 * @param transactions the transaction each first request runs in
	 * @param clinics the caller's clinics
	 * @param delegatedPaths path prefixes of commands whose key another service records
	 * ({@link IdempotencyProperties#delegatedPaths()})
	 */
	public IdempotencyKeyFilter(JdbcTemplate jdbc, TransactionTemplate transactions, ClinicScope clinics,
			List<String> delegatedPaths) {
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.clinics = clinics;
		this.delegatedPaths = List.copyOf(delegatedPaths);
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return !COMMANDS.contains(request.getMethod()) || request.getHeader(HEADER) == null
				|| this.delegatedPaths.stream().anyMatch((path) -> request.getRequestURI().startsWith(path));
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String key = request.getHeader(HEADER);
		if (!VALID_KEY.matcher(key).matches()) {
			Problems.write(request, response, Problems
				.validation(java.util.List.of(new FieldError(HEADER, "must be 1 to 255 visible ASCII characters"))));
			return;
		}
		byte[] body = request.getInputStream().readNBytes(MAX_BODY + 1);
		if (body.length > MAX_BODY) {
			Problems.write(request, response, Problems.problem(HttpStatus.PAYLOAD_TOO_LARGE, Problems.MALFORMED,
					"The request body is larger than " + MAX_BODY + " bytes"));
			return;
		}
		String scope = scope();
		String[] clinics = this.clinics.sqlArray();
		String hash = hash(request, body);
		ContentCachingResponseWrapper wrapped = new ContentCachingResponseWrapper(response);
		try {
			this.transactions.executeWithoutResult((status) -> {
				int claimed = this.jdbc.update("""
						INSERT INTO idempotency_record (scope, idempotency_key, request_hash, clinics)
						VALUES (?, ?, ?, ?)
						ON CONFLICT DO NOTHING
						""", scope, key, hash, clinics);
				if (claimed == 0) {
					replay(request, wrapped, scope, key, hash, clinics);
					return;
				}
				try {
					chain.doFilter(new CachedBodyRequest(request, body), wrapped);
				}
				catch (IOException | ServletException ex) {
					throw new IllegalStateException(ex);
				}
				if (wrapped.getStatus() >= 200 && wrapped.getStatus() < 300) {
					this.jdbc.update("""
							UPDATE idempotency_record SET response_status = ?, content_type = ?, location = ?, body = ?
							WHERE scope = ? AND idempotency_key = ?
							""", wrapped.getStatus(), wrapped.getContentType(), wrapped.getHeader("Location"),
							ResponseIds.of(wrapped.getContentAsByteArray(), wrapped.getContentType()), scope, key);
				}
				else {
					// nothing the request did is kept, and the key stays free for a
					// corrected request
					status.setRollbackOnly();
				}
			});
		}
		catch (IllegalStateException ex) {
			if (ex.getCause() instanceof ServletException servlet) {
				throw servlet;
			}
			if (ex.getCause() instanceof IOException io) {
				throw io;
			}
			throw ex;
		}
		wrapped.copyBodyToResponse();
	}

	private void replay(HttpServletRequest request, ContentCachingResponseWrapper response, String scope, String key,
			String hash, String[] clinics) {
		// covered: the caller still works for every clinic the record was made for; a
		// record of no known clinics (null, made before the check) is never covered
		this.jdbc.query("""
				SELECT request_hash, response_status, content_type, location, body,
				       coalesce(clinics <@ ?::text[], false) AS covered
				FROM idempotency_record
				WHERE scope = ? AND idempotency_key = ?
				""", (rs) -> {
			try {
				if (!hash.equals(rs.getString("request_hash"))) {
					Problems.write(request, response,
							Problems.problem(HttpStatus.UNPROCESSABLE_CONTENT, Problems.IDEMPOTENCY_KEY_REUSED,
									"This Idempotency-Key was already used for a different request"));
					return;
				}
				if (!rs.getBoolean("covered")) {
					Problems.write(request, response,
							Problems.problem(HttpStatus.CONFLICT, Problems.CONFLICT,
									"This Idempotency-Key was used while you worked for other clinics than now;"
											+ " send the request with a new key"));
					return;
				}
				response.setStatus(rs.getInt("response_status"));
				if (rs.getString("content_type") != null) {
					response.setContentType(rs.getString("content_type"));
				}
				if (rs.getString("location") != null) {
					response.setHeader("Location", rs.getString("location"));
				}
				response.setHeader(REPLAYED_HEADER, "true");
				byte[] stored = rs.getBytes("body");
				if (stored != null) {
					response.getOutputStream().write(stored);
				}
			}
			catch (IOException ex) {
				throw new IllegalStateException(ex);
			}
		}, clinics, scope, key);
	}

	private static String scope() {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		return (authentication != null && authentication.isAuthenticated()) ? "user:" + authentication.getName()
				: "anonymous";
	}

	private static String hash(HttpServletRequest request, byte[] body) {
		try {
			MessageDigest digest = MessageDigest.getInstance("SHA-256");
			digest.update(request.getMethod().getBytes(StandardCharsets.UTF_8));
			digest.update((byte) ' ');
			digest.update(request.getRequestURI().getBytes(StandardCharsets.UTF_8));
			if (request.getQueryString() != null) {
				digest.update((byte) '?');
				digest.update(request.getQueryString().getBytes(StandardCharsets.UTF_8));
			}
			digest.update((byte) '\n');
			digest.update(body);
			return HexFormat.of().formatHex(digest.digest());
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * The request with its body read up front, so it can be hashed and still be read by
	 * the handler.
	 */
	private static final class CachedBodyRequest extends HttpServletRequestWrapper {

		private final byte[] body;

		CachedBodyRequest(HttpServletRequest request, byte[] body) {
			super(request);
			this.body = body;
		}

		@Override
		public ServletInputStream getInputStream() {
			ByteArrayInputStream in = new ByteArrayInputStream(this.body);
			return new ServletInputStream() {

				@Override
				public int read() {
					return in.read();
				}

				@Override
				public int read(byte[] buffer, int offset, int length) {
					return in.read(buffer, offset, length);
				}

				@Override
				public boolean isFinished() {
					return in.available() == 0;
				}

				@Override
				public boolean isReady() {
					return true;
				}

				@Override
				public void setReadListener(ReadListener listener) {
					throw new UnsupportedOperationException("synchronous reads only");
				}

			};
		}

		@Override
		public BufferedReader getReader() {
			return new BufferedReader(new InputStreamReader(getInputStream(), StandardCharsets.UTF_8));
		}

		@Override
		public int getContentLength() {
			return this.body.length;
		}

		@Override
		public long getContentLengthLong() {
			return this.body.length;
		}

	}

}
