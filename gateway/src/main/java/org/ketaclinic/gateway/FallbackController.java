package org.ketaclinic.gateway;

import java.net.URI;

import reactor.core.publisher.Mono;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * What a caller gets when a service does not answer in time or its circuit is open: a 503
 * problem naming the service, with a hint when to try again, instead of a hanging
 * request.
 */
@RestController
class FallbackController {

	@RequestMapping("/fallback/{service}")
	Mono<ResponseEntity<ProblemDetail>> unavailable(@PathVariable String service) {
		String name = service.replaceAll("[^a-z]", "");
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
				"The " + name + " service is not answering right now; please try again in a few seconds");
		problem.setType(URI.create("urn:ketaclinic:problem:service-unavailable"));
		problem.setTitle("Service unavailable");
		problem.setProperty("service", name);
		return Mono.just(ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
			.header("Retry-After", "10")
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.body(problem));
	}

}
