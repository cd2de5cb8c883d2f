package org.ketaclinic.screening;

import org.ketaclinic.platform.test.ServiceSmokeTests;
import org.ketaclinic.platform.test.WithInfrastructure;

import org.springframework.boot.test.context.SpringBootTest;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@WithInfrastructure
class ScreeningServiceIT extends ServiceSmokeTests {

	ScreeningServiceIT() {
		super("ketaclinic.screening.events", "/api/screening/");
	}

}
