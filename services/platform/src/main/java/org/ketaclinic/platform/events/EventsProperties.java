package org.ketaclinic.platform.events;

import java.util.List;

import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * What a service publishes and consumes.
 *
 * @param source the {@code ce_source} of the events this service publishes, e.g.
 * {@code /ketaclinic/intake}
 * @param produces the topics this service publishes to, comma-separated, e.g.
 * {@code ketaclinic.intake.events}; may be empty
 * @param consumes the topics this service consumes; each gets a {@code <topic>.DLT}
 * dead-letter topic
 * @param partitions partitions of the topics this service creates
 * @param replicas replication factor of the topics this service creates
 */
@Validated
@ConfigurationProperties("ketaclinic.events")
public record EventsProperties(String source, String produces, List<String> consumes, @Min(1) Integer partitions,
		@Min(1) Short replicas) {

	public EventsProperties {
		consumes = (consumes != null) ? List.copyOf(consumes) : List.of();
		partitions = (partitions != null) ? partitions : 3;
		replicas = (replicas != null) ? replicas : 1;
	}

}
