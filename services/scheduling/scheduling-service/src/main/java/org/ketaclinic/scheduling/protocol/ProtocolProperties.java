package org.ketaclinic.scheduling.protocol;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The protocols of clinical-criteria.md §4 with their defaults; a clinic tunes them under
 * {@code ketaclinic.scheduling.protocols.*}. Checked at start-up.
 *
 * @param ivKetamine IV racemic ketamine: 6 sessions, 2–3 a week, within 21 days (cap 28),
 * at least 48 h apart, at most 7 days' gap, 120-minute chair block
 * @param esketamine intranasal esketamine: twice weekly for 4 weeks (8 sessions), at
 * least 48 h apart, 150-minute block, prescriber on site (REMS)
 * @param boosterMinIntervalDays least days between two boosters
 * ({@code iv.booster.minIntervalDays} = 7)
 * @param chairsPerNurse how many occupied chairs one nurse can monitor at once (2)
 */
@ConfigurationProperties("ketaclinic.scheduling.protocols")
public record ProtocolProperties(Protocol ivKetamine, Protocol esketamine, Integer boosterMinIntervalDays,
		Integer chairsPerNurse) {

	public ProtocolProperties {
		ivKetamine = (ivKetamine != null) ? ivKetamine : new Protocol("IV_KETAMINE", 6, 2, 3, 21, 28,
				Duration.ofHours(48), Duration.ofDays(7), Duration.ofMinutes(120), false);
		esketamine = (esketamine != null) ? esketamine : new Protocol("ESKETAMINE", 8, 2, 2, 28, 31,
				Duration.ofHours(48), Duration.ofDays(7), Duration.ofMinutes(150), true);
		boosterMinIntervalDays = (boosterMinIntervalDays != null) ? boosterMinIntervalDays : 7;
		chairsPerNurse = (chairsPerNurse != null) ? chairsPerNurse : 2;
		if (chairsPerNurse < 1 || chairsPerNurse > 8 || boosterMinIntervalDays < 1) {
			throw new IllegalArgumentException("chairsPerNurse must be 1 to 8 and boosterMinIntervalDays positive");
		}
	}

	/** The protocol of a name. */
	public Protocol of(String name) {
		return switch (name) {
			case "IV_KETAMINE" -> this.ivKetamine;
			case "ESKETAMINE" -> this.esketamine;
			default -> throw new IllegalArgumentException("unknown protocol " + name);
		};
	}

}
