package org.ketaclinic.deploy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads tar streams (ustar with PAX long names, as Jib and npm write them): one entry's
 * bytes, or every regular file extracted under a directory.
 */
final class Tar {

	private Tar() {
	}

	/** The content of one entry, or an exception naming what was missing. */
	static byte[] entry(InputStream tar, String name) throws IOException {
		byte[][] found = new byte[1][];
		walk(tar, (entryName, size, content) -> {
			if (entryName.equals(name)) {
				found[0] = content.readNBytes((int) size);
				return false;
			}
			return true;
		});
		if (found[0] == null) {
			throw new IOException("no " + name + " in the archive");
		}
		return found[0];
	}

	/** Writes every regular file under {@code target}, keeping executable bits. */
	static void extract(InputStream tar, Path target) throws IOException {
		walk(tar, (entryName, size, content) -> {
			Path file = target.resolve(entryName.replaceFirst("^\\./", "").replaceFirst("^/", "")).normalize();
			if (!file.startsWith(target)) {
				throw new IOException("entry outside the target: " + entryName);
			}
			Files.createDirectories(file.getParent());
			try (OutputStream out = Files.newOutputStream(file)) {
				long left = size;
				byte[] buffer = new byte[65536];
				while (left > 0) {
					int read = content.read(buffer, 0, (int) Math.min(buffer.length, left));
					if (read < 0) {
						throw new IOException("truncated entry " + entryName);
					}
					out.write(buffer, 0, read);
					left -= read;
				}
			}
			return true;
		});
	}

	private static void walk(InputStream tar, EntryVisitor visitor) throws IOException {
		byte[] header = new byte[512];
		String longName = null;
		while (tar.readNBytes(header, 0, 512) == 512 && header[0] != 0) {
			String name = field(header, 0, 100);
			String prefix = field(header, 345, 155);
			if (!prefix.isEmpty()) {
				name = prefix + "/" + name;
			}
			long size = Long.parseLong(field(header, 124, 12).trim(), 8);
			long padded = (size + 511) / 512 * 512;
			char type = (char) header[156];
			if (type == 'x' || type == 'L') {
				String extended = new String(tar.readNBytes((int) size), StandardCharsets.UTF_8);
				tar.skipNBytes(padded - size);
				longName = (type == 'L') ? extended.trim() : paxPath(extended, longName);
				continue;
			}
			if (longName != null) {
				name = longName;
				longName = null;
			}
			if (type == '0' || type == 0) {
				BoundedStream content = new BoundedStream(tar, size);
				boolean more = visitor.visit(name, size, content);
				content.skipRest();
				tar.skipNBytes(padded - size);
				if (!more) {
					return;
				}
			}
			else {
				tar.skipNBytes(padded);
			}
		}
	}

	private static String paxPath(String records, String fallback) {
		for (String record : records.split("\n")) {
			int space = record.indexOf(' ');
			if (space > 0 && record.startsWith("path=", space + 1)) {
				return record.substring(space + 1 + "path=".length());
			}
		}
		return fallback;
	}

	private static String field(byte[] header, int offset, int length) {
		int end = offset;
		while (end < offset + length && header[end] != 0) {
			end++;
		}
		return new String(header, offset, end - offset, StandardCharsets.UTF_8);
	}

	@FunctionalInterface
	private interface EntryVisitor {

		/** Returns whether to go on. */
		boolean visit(String name, long size, InputStream content) throws IOException;

	}

	/** One entry's bytes, no more. */
	private static final class BoundedStream extends InputStream {

		private final InputStream in;

		private long left;

		BoundedStream(InputStream in, long size) {
			this.in = in;
			this.left = size;
		}

		@Override
		public int read() throws IOException {
			if (this.left <= 0) {
				return -1;
			}
			int value = this.in.read();
			if (value >= 0) {
				this.left--;
			}
			return value;
		}

		@Override
		public int read(byte[] buffer, int offset, int length) throws IOException {
			if (this.left <= 0) {
				return -1;
			}
			int read = this.in.read(buffer, offset, (int) Math.min(length, this.left));
			if (read > 0) {
				this.left -= read;
			}
			return read;
		}

		void skipRest() throws IOException {
			this.in.skipNBytes(this.left);
			this.left = 0;
		}

	}

}
