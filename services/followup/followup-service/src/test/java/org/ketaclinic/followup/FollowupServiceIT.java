package org.ketaclinic.followup;

import org.ketaclinic.platform.test.ServiceSmokeTests;
import org.ketaclinic.platform.test.WithInfrastructure;

import org.springframework.boot.test.context.SpringBootTest;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@WithInfrastructure
class FollowupServiceIT extends ServiceSmokeTests {

	FollowupServiceIT() {
		super("ketaclinic.followup.events", "/api/followup/");
	}

}
