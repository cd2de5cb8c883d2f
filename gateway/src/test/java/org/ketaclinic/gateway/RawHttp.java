package org.ketaclinic.gateway;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Reads HTTP/1.1 responses off a raw socket, one after the other: what a test needs to
 * send requests back to back on one connection, as browsers and proxies do.
 */
final class RawHttp {

	private RawHttp() {
	}

	/** Reads one response, its body included, and returns its status. */
	static int status(InputStream in) throws IOException {
		String statusLine = line(in);
		int status = Integer.parseInt(statusLine.split(" ")[1]);
		long length = -1;
		boolean chunked = false;
		for (String header = line(in); !header.isEmpty(); header = line(in)) {
			String lower = header.toLowerCase(Locale.ROOT);
			if (lower.startsWith("content-length:")) {
				length = Long.parseLong(lower.substring("content-length:".length()).trim());
			}
			else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
				chunked = true;
			}
		}
		if (chunked) {
			for (long size = Long.parseLong(line(in).split(";")[0].trim(), 16); size > 0; size = Long
				.parseLong(line(in).split(";")[0].trim(), 16)) {
				skip(in, size);
				line(in);
			}
			// trailers, up to the blank line
			while (!line(in).isEmpty()) {
				// skipped
			}
		}
		else if (length > 0) {
			skip(in, length);
		}
		return status;
	}

	private static void skip(InputStream in, long bytes) throws IOException {
		for (long left = bytes; left > 0; left--) {
			if (in.read() < 0) {
				throw new EOFException("the connection closed inside a body");
			}
		}
	}

	private static String line(InputStream in) throws IOException {
		ByteArrayOutputStream line = new ByteArrayOutputStream();
		for (int b = in.read(); b != '\n'; b = in.read()) {
			if (b < 0) {
				throw new EOFException("the connection closed inside a response");
			}
			if (b != '\r') {
				line.write(b);
			}
		}
		return line.toString(StandardCharsets.US_ASCII);
	}

}
