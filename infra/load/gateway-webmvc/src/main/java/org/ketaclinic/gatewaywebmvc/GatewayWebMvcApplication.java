package org.ketaclinic.gatewaywebmvc;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A measurement prototype, not a product: the gateway's API route with sign-in, token
 * relay and sessions on Spring Cloud Gateway Server WebMVC with Spring Session JDBC
 * (option 2 of ADR 0011), only as far as {@code infra/load/gateway-sessions} needs to
 * compare its CPU per request with the reactive gateway's. See the README.
 */
@SpringBootApplication
public class GatewayWebMvcApplication {

	public static void main(String[] args) {
		SpringApplication.run(GatewayWebMvcApplication.class, args);
	}

}
