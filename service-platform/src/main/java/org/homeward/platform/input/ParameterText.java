package org.homeward.platform.input;

import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.MultivaluedMap;
import java.util.List;
import java.util.Map;
import org.homeward.platform.problem.HomewardException;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Path and query parameters are text too: they reach SQL (a station id in a lookup, a partner id in
 * an event), where a NUL fails the statement with a 500. Refused before anything runs, naming the
 * parameter. Headers are checked as well, though over HTTP/1.1 Netty already refuses a NUL in one.
 */
public class ParameterText {

    @ServerRequestFilter(priority = Priorities.HEADER_DECORATOR)
    public void refuseUnstorableText(ContainerRequestContext request) {
        check(request.getUriInfo().getPathParameters());
        check(request.getUriInfo().getQueryParameters());
        check(request.getHeaders());
    }

    private static void check(MultivaluedMap<String, String> parameters) {
        for (Map.Entry<String, List<String>> parameter : parameters.entrySet()) {
            for (String value : parameter.getValue()) {
                String problem = StorableText.problem(value);
                if (problem != null) {
                    throw HomewardException.badInput(parameter.getKey(), problem);
                }
            }
        }
    }
}
