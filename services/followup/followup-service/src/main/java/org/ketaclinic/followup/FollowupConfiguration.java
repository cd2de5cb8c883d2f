package org.ketaclinic.followup;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

/** Follow-up's settings. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(FollowupProperties.class)
class FollowupConfiguration {

}
