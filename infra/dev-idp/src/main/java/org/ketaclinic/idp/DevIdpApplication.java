package org.ketaclinic.idp;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

/** Starts the dev identity provider on port 9000. */
@SpringBootApplication
@EnableConfigurationProperties(IdpProperties.class)
public class DevIdpApplication {

	public static void main(String[] args) {
		SpringApplication.run(DevIdpApplication.class, args);
	}

}
