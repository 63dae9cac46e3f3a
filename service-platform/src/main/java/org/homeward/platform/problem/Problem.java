package org.homeward.platform.problem;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.ws.rs.core.Response;
import java.util.List;

/** An RFC 9457 problem document with the field errors that caused it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, List<FieldError> errors) {
    public static final String MEDIA_TYPE = "application/problem+json";

    public static Response response(int status, String title, String detail, List<FieldError> errors) {
        String type = "https://homeward.example/problems/" + title.toLowerCase().replaceAll("[^a-z0-9]+", "-");
        return Response.status(status)
                .type(MEDIA_TYPE)
                .entity(new Problem(type, title, status, detail, errors == null || errors.isEmpty() ? null : errors))
                .build();
    }
}
