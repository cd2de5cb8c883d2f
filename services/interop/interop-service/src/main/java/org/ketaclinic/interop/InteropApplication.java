package org.ketaclinic.interop;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

/**
 * The interop service: FHIR R4 for referring clinicians and EHRs (ADR 18).
 */
@SpringBootApplication
@EnableConfigurationProperties(InteropProperties.class)
public class InteropApplication {

	public static void main(String[] args) {
		SpringApplication.run(InteropApplication.class, args);
	}

}
