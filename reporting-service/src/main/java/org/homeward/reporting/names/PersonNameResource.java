package org.homeward.reporting.names;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.homeward.platform.names.PersonName;
import org.homeward.platform.names.PersonNameLookup;
import org.homeward.platform.problem.HomewardException;
import org.homeward.platform.security.Roles;

/**
 * The names behind a drill-down page, for the dashboard (which can reach only its own service): the
 * caller's look-up is forwarded to intake with the caller's own token and purpose, so intake decides
 * who may see names and audits each person looked up under the caller's name. Reporting stores,
 * caches and logs none of it: its facts stay name-free (ADR 32). Intake's refusals (400, 401, 403)
 * come back as they are.
 */
@Path("/api/reports/person-names")
@RolesAllowed({Roles.STATION_STAFF, Roles.SEARCH_TEAM, Roles.ADMIN})
public class PersonNameResource {
    private static final String PURPOSE = "X-Purpose";
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String intake;
    private final ObjectMapper json;

    @Context
    HttpHeaders headers;

    public PersonNameResource(@ConfigProperty(name = "homeward.intake.url") String intake, ObjectMapper json) {
        this.intake = intake.replaceAll("/+$", "");
        this.json = json;
    }

    @POST
    @Produces(MediaType.APPLICATION_JSON)
    @APIResponse(
            responseCode = "200",
            description = "The names intake knows, for the ids it knows (each look audited by intake)",
            content =
                    @Content(
                            mediaType = "application/json",
                            schema = @Schema(type = SchemaType.ARRAY, implementation = PersonName.class)))
    @APIResponse(
            responseCode = "502",
            description = "intake-service did not answer",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = "Problem")))
    public Response personNames(@Valid @NotNull PersonNameLookup lookup) {
        String body;
        try {
            body = json.writeValueAsString(lookup);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(intake + "/api/persons/names"))
                .timeout(Duration.ofSeconds(10))
                .header("Accept", "application/json")
                .header("Content-Type", "application/json")
                .header(HttpHeaders.AUTHORIZATION, headers.getHeaderString(HttpHeaders.AUTHORIZATION));
        String purpose = headers.getHeaderString(PURPOSE);
        if (purpose != null) {
            request.header(PURPOSE, purpose);
        }
        HttpResponse<String> answer;
        try {
            answer = http.send(
                    request.POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                            .build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw unavailable(e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable("interrupted");
        }
        int status = answer.statusCode();
        if (status == 200) {
            try {
                List<PersonName> names = json.readValue(answer.body(), new TypeReference<List<PersonName>>() {});
                return Response.ok(names, MediaType.APPLICATION_JSON_TYPE)
                        .header("Cache-Control", "private, no-store")
                        .build();
            } catch (IOException e) {
                throw unavailable("an answer that is not a list of names");
            }
        }
        if (status >= 400 && status < 500) { // intake's own refusal, problem+json as it wrote it
            return Response.status(status)
                    .type(answer.headers().firstValue("Content-Type").orElse("application/problem+json"))
                    .entity(answer.body())
                    .build();
        }
        throw unavailable("status " + status);
    }

    private static HomewardException unavailable(String why) {
        return new HomewardException(502, "Bad Gateway", "intake-service did not answer the names: " + why, List.of());
    }
}
