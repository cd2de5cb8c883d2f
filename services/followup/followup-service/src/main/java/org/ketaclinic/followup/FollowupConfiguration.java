package org.ketaclinic.followup;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Follow-up's settings and its scheduled dispatcher. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(FollowupProperties.class)
@EnableScheduling
class FollowupConfiguration {

}
