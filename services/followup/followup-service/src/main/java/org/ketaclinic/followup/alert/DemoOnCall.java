package org.ketaclinic.followup.alert;

import java.util.UUID;

import org.ketaclinic.followup.policy.OnCallRole;
import org.ketaclinic.platform.security.ClinicScope;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * The local stack's demo roster, like scheduling's demo clinics: for the default clinic
 * ({@code main}) a clinic-wide primary ({@code +15550100911}) and backup
 * ({@code +15550100912}); for the second demo clinic ({@code lakeside}, ADR 12) its own
 * primary ({@code +15550100913}) and backup ({@code +15550100914}), so each clinic's
 * urgent alerts page its own people, readable in the SMS sink. Seeded once under fixed
 * ids: an administrator who removes one does not see it come back. Only with
 * {@code ketaclinic.followup.paging.demo-roster=true} (the local stack sets it); off by
 * default, so a real clinic never pages the demo numbers.
 */
@Component
@ConditionalOnProperty(name = "ketaclinic.followup.paging.demo-roster", havingValue = "true")
class DemoOnCall implements ApplicationRunner {

	/** The second demo clinic, as scheduling's demo clinic names it. */
	static final String LAKESIDE = "lakeside";

	/** The demo primary's entry. */
	static final UUID PRIMARY = UUID.fromString("00000000-0000-4000-8000-0000000ca111");

	/** The demo backup's entry. */
	static final UUID BACKUP = UUID.fromString("00000000-0000-4000-8000-0000000ca112");

	/** The second demo clinic's primary. */
	static final UUID LAKESIDE_PRIMARY = UUID.fromString("00000000-0000-4000-8000-0000000ca113");

	/** The second demo clinic's backup. */
	static final UUID LAKESIDE_BACKUP = UUID.fromString("00000000-0000-4000-8000-0000000ca114");

	private final OnCallRoster roster;

	private final ClinicScope clinics;

	DemoOnCall(OnCallRoster roster, ClinicScope clinics) {
		this.roster = roster;
		this.clinics = clinics;
	}

	@Override
	public void run(ApplicationArguments args) {
		String main = this.clinics.defaultClinic();
		this.roster.add(PRIMARY, main, null, OnCallRole.PRIMARY, "On-call clinician (demo)", "+15550100911", null, null,
				"seed");
		this.roster.add(BACKUP, main, null, OnCallRole.BACKUP, "Backup clinician (demo)", "+15550100912", null, null,
				"seed");
		this.roster.add(LAKESIDE_PRIMARY, LAKESIDE, null, OnCallRole.PRIMARY, "Lakeside on-call clinician (demo)",
				"+15550100913", null, null, "seed");
		this.roster.add(LAKESIDE_BACKUP, LAKESIDE, null, OnCallRole.BACKUP, "Lakeside backup clinician (demo)",
				"+15550100914", null, null, "seed");
	}

}
