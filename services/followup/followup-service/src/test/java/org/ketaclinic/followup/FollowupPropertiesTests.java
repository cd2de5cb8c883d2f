package org.ketaclinic.followup;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class FollowupPropertiesTests {

	@Test
	void aRealClinicIsNotGivenTheDemoRosterUnlessItAsksForIt() {
		assertThat(new FollowupProperties.Paging(null, null, null, null).demoRoster()).isFalse();
		assertThat(new FollowupProperties.Paging(null, null, null, true).demoRoster()).isTrue();
	}

}
