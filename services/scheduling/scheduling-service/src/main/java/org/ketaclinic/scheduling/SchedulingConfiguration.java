package org.ketaclinic.scheduling;

import org.ketaclinic.scheduling.protocol.ProtocolProperties;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

/** The protocols this clinic books by. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ProtocolProperties.class)
class SchedulingConfiguration {

}
