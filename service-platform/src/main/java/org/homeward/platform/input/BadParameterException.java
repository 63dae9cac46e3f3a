package org.homeward.platform.input;

import jakarta.ws.rs.BadRequestException;

/**
 * A path, query or header parameter that cannot be read as its type. A WebApplicationException, so
 * RESTEasy passes it through as it is instead of turning a bad path or query value into a bare 404.
 */
public class BadParameterException extends BadRequestException {
    private final String parameter;
    private final String reason;

    public BadParameterException(String parameter, String reason) {
        super(parameter + " " + reason);
        this.parameter = parameter;
        this.reason = reason;
    }

    public String parameter() {
        return parameter;
    }

    public String reason() {
        return reason;
    }
}
