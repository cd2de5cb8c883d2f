package org.ketaclinic.scheduling;

import org.ketaclinic.scheduling.protocol.ProtocolProperties;
import org.ketaclinic.scheduling.safety.SafetyProperties;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * The protocols this clinic books by, its safety settings, and the scheduled housekeeping
 * (missed sessions).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({ ProtocolProperties.class, SafetyProperties.class })
@EnableScheduling
class SchedulingConfiguration {

}
