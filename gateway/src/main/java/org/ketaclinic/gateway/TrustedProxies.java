package org.ketaclinic.gateway;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.server.adapter.ForwardedHeaderTransformer;

/**
 * Who the client is, when the gateway sits behind a proxy: {@code X-Forwarded-*} and
 * {@code Forwarded} headers count only on a connection from a trusted proxy
 * ({@code ketaclinic.gateway.trusted-proxies}), and the client is then the right-most
 * address in {@code X-Forwarded-For} that is not itself a trusted proxy. Anyone can write
 * the left-most entries; only the hops our own proxies appended are facts. From any other
 * peer the headers are dropped and the connection's address is the client.
 * <p>
 * This replaces Spring's own transformer (Boot's {@code server.forward-headers-strategy=
 * framework}), which believes the left-most {@code X-Forwarded-For} of every caller: a
 * rate limit keyed on that would be one header away from a fresh budget.
 */
class TrustedProxies extends ForwardedHeaderTransformer {

	private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

	private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

	private final List<Network> trusted;

	private final ForwardedHeaderTransformer dropForwardedHeaders = new ForwardedHeaderTransformer();

	TrustedProxies(List<String> networks) {
		List<Network> parsed = new ArrayList<>();
		for (String network : networks) {
			if (!network.isBlank()) {
				parsed.add(Network.parse(network.trim()));
			}
		}
		this.trusted = List.copyOf(parsed);
		this.dropForwardedHeaders.setRemoveOnly(true);
	}

	@Override
	public ServerHttpRequest apply(ServerHttpRequest request) {
		InetSocketAddress peer = request.getRemoteAddress();
		if (peer == null || peer.getAddress() == null || !isTrusted(peer.getAddress())) {
			return this.dropForwardedHeaders.apply(request);
		}
		InetSocketAddress client = client(request.getHeaders().get("X-Forwarded-For"), peer);
		return super.apply(request).mutate().remoteAddress(client).build();
	}

	/**
	 * The right-most hop that is not a trusted proxy; the left-most if all are; the
	 * right-most trusted one if a hop cannot be read (garbage left of it is the client's
	 * own writing).
	 */
	InetSocketAddress client(List<String> forwardedFor, InetSocketAddress peer) {
		List<String> hops = new ArrayList<>();
		if (forwardedFor != null) {
			for (String header : forwardedFor) {
				for (String hop : header.split(",")) {
					hops.add(hop.trim());
				}
			}
		}
		InetAddress client = peer.getAddress();
		for (int i = hops.size() - 1; i >= 0; i--) {
			InetAddress hop = literal(hops.get(i));
			if (hop == null) {
				break;
			}
			client = hop;
			if (!isTrusted(hop)) {
				break;
			}
		}
		return new InetSocketAddress(client, 0);
	}

	boolean isTrusted(InetAddress address) {
		for (Network network : this.trusted) {
			if (network.contains(address)) {
				return true;
			}
		}
		return false;
	}

	/** An IP literal (never a name: no lookup), or null. */
	static InetAddress literal(String value) {
		String candidate = value;
		if (candidate.startsWith("[") && candidate.contains("]")) {
			candidate = candidate.substring(1, candidate.indexOf(']'));
		}
		else if (IPV4.matcher(candidate.split(":")[0]).matches() && candidate.indexOf(':') > 0) {
			candidate = candidate.substring(0, candidate.indexOf(':'));
		}
		if (!IPV4.matcher(candidate).matches() && !IPV6.matcher(candidate).matches()) {
			return null;
		}
		try {
			return InetAddress.getByName(candidate);
		}
		catch (UnknownHostException ex) {
			return null;
		}
	}

	/** An address block, as in {@code 10.0.0.0/8}, or one address. */
	record Network(byte[] address, int prefix) {

		static Network parse(String cidr) {
			String[] parts = cidr.split("/", 2);
			InetAddress address = literal(parts[0]);
			if (address == null) {
				throw new IllegalArgumentException(
						"ketaclinic.gateway.trusted-proxies: not an address or network: " + cidr);
			}
			int bits = address.getAddress().length * 8;
			int prefix = (parts.length == 2) ? Integer.parseInt(parts[1]) : bits;
			if (prefix < 0 || prefix > bits) {
				throw new IllegalArgumentException("ketaclinic.gateway.trusted-proxies: bad prefix: " + cidr);
			}
			return new Network(address.getAddress(), prefix);
		}

		boolean contains(InetAddress candidate) {
			byte[] bytes = candidate.getAddress();
			if (bytes.length != this.address.length) {
				return false;
			}
			int whole = this.prefix / 8;
			for (int i = 0; i < whole; i++) {
				if (bytes[i] != this.address[i]) {
					return false;
				}
			}
			int rest = this.prefix % 8;
			if (rest == 0) {
				return true;
			}
			int mask = (0xff << (8 - rest)) & 0xff;
			return (bytes[whole] & mask) == (this.address[whole] & mask);
		}

	}

}
