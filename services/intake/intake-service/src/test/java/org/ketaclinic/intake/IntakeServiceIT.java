package org.ketaclinic.intake;

import org.ketaclinic.platform.test.ServiceSmokeTests;
import org.ketaclinic.platform.test.WithInfrastructure;

import org.springframework.boot.test.context.SpringBootTest;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@WithInfrastructure
class IntakeServiceIT extends ServiceSmokeTests {

	IntakeServiceIT() {
		super("ketaclinic.intake.events", "/api/intake/");
	}

}
