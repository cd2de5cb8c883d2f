package org.ketaclinic.screening;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The screening service: suitability assessments, clinician decisions and the review
 * queue.
 */
@SpringBootApplication
public class ScreeningApplication {

	public static void main(String[] args) {
		SpringApplication.run(ScreeningApplication.class, args);
	}

}
