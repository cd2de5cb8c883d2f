package org.ketaclinic.interop.web;

import org.springframework.context.annotation.Configuration;
import org.springframework.http.converter.HttpMessageConverters;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** FHIR JSON before Spring's own JSON, for resources only. */
@Configuration(proxyBeanMethods = false)
class FhirWebConfiguration implements WebMvcConfigurer {

	@Override
	public void configureMessageConverters(HttpMessageConverters.ServerBuilder builder) {
		builder.addCustomConverter(new FhirJsonConverter());
	}

}
