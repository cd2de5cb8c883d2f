package org.ketaclinic.followup.alert;

import java.util.UUID;

import org.ketaclinic.followup.policy.OnCallRole;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * The local stack's demo roster, like scheduling's demo clinic: a clinic-wide primary
 * ({@code +15550100911}) and backup ({@code +15550100912}), readable in the SMS sink.
 * Seeded once under fixed ids: an administrator who removes one does not see it come
 * back. Only with {@code ketaclinic.followup.paging.demo-roster=true} (the local stack
 * sets it); off by default, so a real clinic never pages the demo numbers.
 */
@Component
@ConditionalOnProperty(name = "ketaclinic.followup.paging.demo-roster", havingValue = "true")
class DemoOnCall implements ApplicationRunner {

	/** The demo primary's entry. */
	static final UUID PRIMARY = UUID.fromString("00000000-0000-4000-8000-0000000ca111");

	/** The demo backup's entry. */
	static final UUID BACKUP = UUID.fromString("00000000-0000-4000-8000-0000000ca112");

	private final OnCallRoster roster;

	DemoOnCall(OnCallRoster roster) {
		this.roster = roster;
	}

	@Override
	public void run(ApplicationArguments args) {
		this.roster.add(PRIMARY, null, OnCallRole.PRIMARY, "On-call clinician (demo)", "+15550100911", null, null,
				"seed");
		this.roster.add(BACKUP, null, OnCallRole.BACKUP, "Backup clinician (demo)", "+15550100912", null, null, "seed");
	}

}
