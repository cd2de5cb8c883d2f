package org.ketaclinic.gateway;

import java.net.InetSocketAddress;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class TrustedProxiesTests {

	private final TrustedProxies proxies = new TrustedProxies(List.of("10.0.0.0/8", "192.168.1.7", "fd00::/8"));

	@Test
	void anUntrustedPeersForwardedHeadersAreDroppedAndItsOwnAddressCounts() {
		ServerHttpRequest request = this.proxies.apply(MockServerHttpRequest.get("http://gateway/api/x")
			.remoteAddress(new InetSocketAddress("203.0.113.9", 4711))
			.header("X-Forwarded-For", "198.51.100.1")
			.header("X-Forwarded-Proto", "https")
			.build());
		assertThat(client(request)).isEqualTo("203.0.113.9");
		assertThat(request.getHeaders().containsHeader("X-Forwarded-For")).isFalse();
		assertThat(request.getURI().getScheme()).isEqualTo("http");
	}

	@Test
	void behindTrustedProxiesTheClientIsTheRightMostUntrustedHop() {
		ServerHttpRequest request = this.proxies.apply(MockServerHttpRequest.get("http://gateway/api/x")
			.remoteAddress(new InetSocketAddress("10.1.2.3", 4711))
			.header("X-Forwarded-For", "1.1.1.1, 198.51.100.23, 192.168.1.7")
			.header("X-Forwarded-Proto", "https")
			.build());
		assertThat(client(request)).as("not the left-most, which anyone can write").isEqualTo("198.51.100.23");
		assertThat(request.getURI().getScheme()).as("the trusted proxy's scheme counts").isEqualTo("https");
	}

	@Test
	void garbageOrAllTrustedHopsNeverMakeUpAClient() {
		assertThat(client(this.proxies.apply(MockServerHttpRequest.get("/")
			.remoteAddress(new InetSocketAddress("10.1.2.3", 1))
			.header("X-Forwarded-For", "evil.example, 10.9.9.9")
			.build()))).as("no name lookups; the right-most trusted hop").isEqualTo("10.9.9.9");
		assertThat(client(this.proxies.apply(MockServerHttpRequest.get("/")
			.remoteAddress(new InetSocketAddress("10.1.2.3", 1))
			.header("X-Forwarded-For", "10.4.4.4, 10.5.5.5")
			.build()))).isEqualTo("10.4.4.4");
		assertThat(client(this.proxies.apply(MockServerHttpRequest.get("/")
			.remoteAddress(new InetSocketAddress("fd00::1", 1))
			.header("X-Forwarded-For", "[2001:db8::5]:443")
			.build()))).isEqualTo("2001:db8:0:0:0:0:0:5");
	}

	@Test
	void withoutTrustedProxiesNoHeaderCounts() {
		ServerHttpRequest request = new TrustedProxies(List.of()).apply(MockServerHttpRequest.get("/")
			.remoteAddress(new InetSocketAddress("127.0.0.1", 1))
			.header("X-Forwarded-For", "198.51.100.1")
			.build());
		assertThat(client(request)).isEqualTo("127.0.0.1");
	}

	@Test
	void refusesANetworkItCannotRead() {
		assertThatIllegalArgumentException().isThrownBy(() -> new TrustedProxies(List.of("proxy.internal")));
		assertThatIllegalArgumentException().isThrownBy(() -> new TrustedProxies(List.of("10.0.0.0/33")));
	}

	private static String client(ServerHttpRequest request) {
		return request.getRemoteAddress().getAddress().getHostAddress();
	}

}
