package org.homeward.testsupport;

import io.restassured.RestAssured;
import io.restassured.filter.Filter;
import io.restassured.filter.FilterContext;
import io.restassured.response.Response;
import io.restassured.specification.FilterableRequestSpecification;
import io.restassured.specification.FilterableResponseSpecification;

/** A RestAssured filter that sends a bearer token unless the request names its own. */
public final class BearerToken implements Filter {
    private final String token;

    public BearerToken(String token) {
        this.token = token;
    }

    /** From now on, every RestAssured request without its own token goes as {@code role}. */
    public static void sendEveryRequestAs(String role) {
        RestAssured.replaceFiltersWith(new BearerToken(Tokens.forTests().token(role)));
    }

    @Override
    public Response filter(
            FilterableRequestSpecification request, FilterableResponseSpecification response, FilterContext context) {
        if (!request.getHeaders().hasHeaderWithName("Authorization")) {
            request.header("Authorization", "Bearer " + token);
        }
        return context.next(request, response);
    }
}
