package org.ketaclinic.followup.policy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class EscalationTests {

	private static final Instant NOW = Instant.parse("2027-03-01T15:00:00Z");

	private final Escalation escalation = new Escalation(Duration.ofMinutes(15));

	@Test
	void pagesThePrimaryThenTheBackupThenEveryoneEveryFifteenMinutes() {
		assertThat(this.escalation.rolesAt(1)).containsExactly(OnCallRole.PRIMARY);
		assertThat(this.escalation.rolesAt(2)).containsExactly(OnCallRole.BACKUP);
		assertThat(this.escalation.rolesAt(3)).containsExactlyInAnyOrder(OnCallRole.PRIMARY, OnCallRole.BACKUP,
				OnCallRole.CLINICIAN);
		assertThat(this.escalation.nextAfter(1, NOW)).isEqualTo(NOW.plus(Duration.ofMinutes(15)));
		assertThat(this.escalation.nextAfter(2, NOW)).isEqualTo(NOW.plus(Duration.ofMinutes(15)));
		assertThat(this.escalation.nextAfter(3, NOW)).as("never stalls: everyone again every period")
			.isEqualTo(NOW.plus(Duration.ofMinutes(15)));
		assertThat(this.escalation.rolesAt(4)).isEqualTo(this.escalation.rolesAt(3));
		assertThat(this.escalation.rolesAt(17)).isEqualTo(this.escalation.rolesAt(3));
		assertThatIllegalArgumentException().isThrownBy(() -> new Escalation(Duration.ZERO));
		assertThatIllegalArgumentException().isThrownBy(() -> new Escalation(Duration.ofDays(2)));
		assertThatIllegalArgumentException().isThrownBy(() -> new Escalation(null));
	}

	@Test
	void picksThePrimaryOfTheLocationCoveringNowAndFallsBackToTheClinicWideOne() {
		UUID here = UUID.randomUUID();
		OnCall.Entry clinicPrimary = entry(null, OnCallRole.PRIMARY, null, null);
		OnCall.Entry herePrimary = entry(here, OnCallRole.PRIMARY, null, null);
		OnCall.Entry hereNightPrimary = entry(here, OnCallRole.PRIMARY, NOW.minusSeconds(3600), NOW.plusSeconds(3600));
		OnCall.Entry hereExpired = entry(here, OnCallRole.PRIMARY, NOW.minusSeconds(7200), NOW);
		OnCall.Entry clinicBackup = entry(null, OnCallRole.BACKUP, null, null);
		List<OnCall.Entry> roster = List.of(hereExpired, clinicBackup, herePrimary, hereNightPrimary, clinicPrimary);

		assertThat(OnCall.toPage(roster, here, this.escalation.rolesAt(1), NOW))
			.as("the shift covering now, before the open-ended entry")
			.containsExactly(hereNightPrimary);
		assertThat(OnCall.toPage(roster, UUID.randomUUID(), this.escalation.rolesAt(1), NOW))
			.containsExactly(clinicPrimary);
		assertThat(OnCall.toPage(roster, here, this.escalation.rolesAt(2), NOW))
			.as("no backup at the location: the clinic-wide one")
			.containsExactly(clinicBackup);
		assertThat(OnCall.toPage(roster, null, this.escalation.rolesAt(1), NOW)).containsExactly(clinicPrimary);
	}

	@Test
	void aRosterKeptPerLocationStillPagesSomebodyForAnAlertWithoutOneOrWhereNobodyIsOnCall() {
		UUID north = UUID.randomUUID();
		UUID south = UUID.randomUUID();
		OnCall.Entry northPrimary = entry(north, OnCallRole.PRIMARY, null, null);
		OnCall.Entry southBackup = entry(south, OnCallRole.BACKUP, null, null);
		OnCall.Entry southClinician = entry(south, OnCallRole.CLINICIAN, null, null);
		OnCall.Entry offDuty = entry(south, OnCallRole.PRIMARY, NOW.plusSeconds(60), null);
		List<OnCall.Entry> roster = List.of(offDuty, southClinician, southBackup, northPrimary);

		assertThat(OnCall.toPage(roster, null, this.escalation.rolesAt(1), NOW)).as("no location")
			.containsExactly(northPrimary);
		assertThat(OnCall.toPage(roster, south, this.escalation.rolesAt(1), NOW))
			.as("nobody in that role at the location now, nobody clinic-wide")
			.containsExactly(northPrimary);
		assertThat(OnCall.toPage(roster, north, this.escalation.rolesAt(2), NOW)).containsExactly(southBackup);
		assertThat(OnCall.toPage(roster, null, this.escalation.rolesAt(3), NOW)).containsExactlyInAnyOrder(northPrimary,
				southBackup, southClinician);
		OnCall.Entry clinicPrimary = entry(null, OnCallRole.PRIMARY, null, null);
		assertThat(OnCall.toPage(List.of(northPrimary, clinicPrimary), null, this.escalation.rolesAt(1), NOW))
			.as("clinic-wide before another location's")
			.containsExactly(clinicPrimary);
		assertThat(OnCall.toPage(List.of(offDuty), null, this.escalation.rolesAt(3), NOW)).isEmpty();
	}

	@Test
	void theLastLevelPagesEveryClinicianCoveringNow() {
		OnCall.Entry a = entry(null, OnCallRole.CLINICIAN, null, null);
		OnCall.Entry b = entry(null, OnCallRole.CLINICIAN, null, NOW.plusSeconds(60));
		OnCall.Entry later = entry(null, OnCallRole.CLINICIAN, NOW.plusSeconds(60), null);
		OnCall.Entry primary = entry(null, OnCallRole.PRIMARY, null, null);

		assertThat(OnCall.toPage(List.of(a, b, later, primary), null, this.escalation.rolesAt(3), NOW))
			.containsExactly(primary, a, b);
		assertThat(OnCall.toPage(List.of(a), null, this.escalation.rolesAt(1), NOW)).isEmpty();
	}

	private static OnCall.Entry entry(UUID location, OnCallRole role, Instant from, Instant until) {
		return new OnCall.Entry(UUID.randomUUID(), "main", location, role, "Dr. " + role, "+15550100999", from, until);
	}

}
