package org.ketaclinic.followup.alert;

import org.junit.jupiter.api.Test;
import org.ketaclinic.platform.security.ClinicScope;
import org.mockito.Mockito;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

class DemoOnCallTests {

	private final ApplicationContextRunner context = new ApplicationContextRunner()
		.withBean(OnCallRoster.class, () -> Mockito.mock(OnCallRoster.class))
		.withBean(ClinicScope.class, () -> new ClinicScope("clinics", "main"))
		.withUserConfiguration(DemoOnCall.class);

	@Test
	void theDemoRosterIsSeededOnlyWhenAskedFor() {
		this.context.run((started) -> assertThat(started).doesNotHaveBean(DemoOnCall.class));
		this.context.withPropertyValues("ketaclinic.followup.paging.demo-roster=false")
			.run((started) -> assertThat(started).doesNotHaveBean(DemoOnCall.class));
		this.context.withPropertyValues("ketaclinic.followup.paging.demo-roster=true")
			.run((started) -> assertThat(started).hasSingleBean(DemoOnCall.class));
	}

}
