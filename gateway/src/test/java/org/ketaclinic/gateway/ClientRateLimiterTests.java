package org.ketaclinic.gateway;

import org.junit.jupiter.api.Test;

import org.ketaclinic.gateway.ClientRateLimiter.Budget;
import org.ketaclinic.gateway.ClientRateLimiter.Bucket;
import org.ketaclinic.gateway.ClientRateLimiter.Limit;
import org.ketaclinic.gateway.ClientRateLimiter.Settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class ClientRateLimiterTests {

	@Test
	void patientsTheSmsProviderAndSignInsDrawOnBudgetsOfTheirOwn() {
		assertThat(ClientRateLimiter.budgetOf("/checkin/a1b2c3")).isEqualTo(Budget.CHECK_IN);
		assertThat(ClientRateLimiter.budgetOf("/api/followup/check-ins/a1b2c3")).isEqualTo(Budget.CHECK_IN);
		assertThat(ClientRateLimiter.budgetOf("/api/followup/sms/inbound")).isEqualTo(Budget.SMS_WEBHOOK);
		assertThat(ClientRateLimiter.budgetOf("/oauth2/authorization/ketaclinic")).isEqualTo(Budget.SIGN_IN);
		assertThat(ClientRateLimiter.budgetOf("/login/oauth2/code/ketaclinic")).isEqualTo(Budget.SIGN_IN);
		assertThat(ClientRateLimiter.budgetOf("/api/followup/patients/7/check-ins")).isEqualTo(Budget.DEFAULT);
		assertThat(ClientRateLimiter.budgetOf("/api/followup/sms/inbound/else")).isEqualTo(Budget.DEFAULT);
		assertThat(ClientRateLimiter.budgetOf("/ui/frontdesk.html")).isEqualTo(Budget.DEFAULT);
	}

	@Test
	void anIpv6ClientCountsByItsSlash64SoNewAddressesOfTheSameSubscriberAreNoNewBudget() throws Exception {
		assertThat(ClientRateLimiter.clientOf(java.net.InetAddress.getByName("2001:db8:1:2:aaaa::1")))
			.isEqualTo(ClientRateLimiter.clientOf(java.net.InetAddress.getByName("2001:db8:1:2:ffff:1:2:3")))
			.isEqualTo("2001:db8:1:2:0:0:0:0/64");
		assertThat(ClientRateLimiter.clientOf(java.net.InetAddress.getByName("2001:db8:1:3::1")))
			.as("the next /64 is another subscriber")
			.isEqualTo("2001:db8:1:3:0:0:0:0/64");
		assertThat(ClientRateLimiter.clientOf(java.net.InetAddress.getByName("203.0.113.7"))).isEqualTo("203.0.113.7");
		assertThat(ClientRateLimiter.clientOf(java.net.InetAddress.getByName("::1"))).isEqualTo("0:0:0:0:0:0:0:1");
	}

	@Test
	void unsetLimitsTakeTheDocumentedDefaults() {
		Settings settings = new Settings(null, null, null, null, new Limit(10.0, null), null);
		assertThat(settings.limit(Budget.DEFAULT)).isEqualTo(new Limit(20.0, 40));
		assertThat(settings.limit(Budget.CHECK_IN)).isEqualTo(new Limit(5.0, 20));
		assertThat(settings.limit(Budget.SMS_WEBHOOK)).isEqualTo(new Limit(10.0, 100));
		assertThat(settings.limit(Budget.SIGN_IN)).isEqualTo(new Limit(1.0, 20));
		assertThat(settings.maxClients()).isEqualTo(100_000);
		assertThatIllegalArgumentException().isThrownBy(() -> new Settings(0.0, null, null, null, null, null));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new Settings(null, null, null, new Limit(1.0, 0), null, null));
	}

	@Test
	void anEmptyBucketSaysHowLongUntilItsNextToken() {
		Limit limit = new Limit(0.5, 2);
		Bucket bucket = new Bucket(2);
		assertThat(bucket.take(limit)).isZero();
		assertThat(bucket.take(limit)).isZero();
		assertThat(bucket.take(limit)).as("seconds until the next token at 0.5/s").isBetween(1.9, 2.0);
	}

}
