package org.ketaclinic.followup;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The followup service: reminders, check-ins, relapse and safety alerts. */
@SpringBootApplication
public class FollowupApplication {

	public static void main(String[] args) {
		SpringApplication.run(FollowupApplication.class, args);
	}

}
