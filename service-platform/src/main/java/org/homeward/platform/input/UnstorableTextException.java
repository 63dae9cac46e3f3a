package org.homeward.platform.input;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

/** A JSON string the platform cannot store (see {@link StorableText}); Jackson adds the field path as it unwinds. */
public class UnstorableTextException extends MismatchedInputException {
    private final String reason;

    UnstorableTextException(JsonParser parser, String reason) {
        super(parser, "Text " + reason, String.class);
        this.reason = reason;
    }

    public String reason() {
        return reason;
    }
}
