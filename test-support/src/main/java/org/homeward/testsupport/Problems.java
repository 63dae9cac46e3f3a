package org.homeward.testsupport;

import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;

import io.restassured.response.ValidatableResponse;

/** Assertions on the problem+json answers every service gives to bad input. */
public final class Problems {
    private Problems() {}

    /** The answer is problem+json with {@code status}, naming {@code field} among its field errors (unless null). */
    public static void problem(ValidatableResponse response, int status, String field) {
        response.statusCode(status).contentType(startsWith("application/problem+json"));
        if (field != null) {
            response.body("errors.field", hasItem(field));
        }
    }
}
