package org.ketaclinic.scheduling.clinic;

import java.time.ZoneId;
import java.util.UUID;

/**
 * A clinic location.
 *
 * @param id the location
 * @param name its name
 * @param zone its IANA time zone; every time shown to staff and patients is local to it
 * @param clinicId the clinic it belongs to, with its chairs and staff (ADR 12)
 */
public record Location(UUID id, String name, ZoneId zone, String clinicId) {

}
