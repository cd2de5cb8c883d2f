package org.ketaclinic.scheduling;

import org.ketaclinic.platform.test.ServiceSmokeTests;
import org.ketaclinic.platform.test.WithInfrastructure;

import org.springframework.boot.test.context.SpringBootTest;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@WithInfrastructure
class SchedulingServiceIT extends ServiceSmokeTests {

	SchedulingServiceIT() {
		super("ketaclinic.scheduling.events", "/api/scheduling/");
	}

}
