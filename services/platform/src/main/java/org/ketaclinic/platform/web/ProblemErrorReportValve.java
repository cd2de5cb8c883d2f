package org.ketaclinic.platform.web;

import java.io.IOException;
import java.io.Writer;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;

/**
 * Tomcat's last word on an error no application code saw (an address the container itself
 * refuses, such as one with a NUL byte): a problem document instead of Tomcat's HTML
 * page, without server details.
 */
public class ProblemErrorReportValve extends ErrorReportValve {

	@Override
	protected void report(Request request, Response response, Throwable throwable) {
		int status = response.getStatus();
		if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
			return;
		}
		try {
			response.setContentType("application/problem+json");
			response.setCharacterEncoding("UTF-8");
			Writer writer = response.getReporter();
			if (writer != null) {
				writer.write("{\"type\":\"urn:ketaclinic:problem:"
						+ status + "\",\"title\":\"" + ((status < 500) ? "Bad request" : "Server error")
						+ "\",\"status\":" + status + ",\"detail\":\"" + ((status < 500)
								? "The request's address or headers cannot be read" : "An unexpected error occurred")
						+ "\"}");
				response.finishResponse();
			}
		}
		catch (IOException | IllegalStateException ex) {
			// the client is gone; nothing more to say
		}
	}

}
