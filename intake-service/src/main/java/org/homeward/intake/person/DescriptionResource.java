package org.homeward.intake.person;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.homeward.events.intake.Build;
import org.homeward.events.intake.DistinguishingMark;
import org.homeward.events.intake.MarkKind;
import org.homeward.platform.problem.HomewardException;
import org.homeward.platform.security.AuditLog;
import org.homeward.platform.security.Caller;
import org.homeward.platform.security.Roles;
import org.homeward.platform.sourcing.EventSourcing;
import org.homeward.platform.web.Versions;

/** The structured physical description of a person (体貌特征), beside the free-text fragments. */
@Path("/api/persons/{personId}/description")
@RolesAllowed({Roles.STATION_STAFF, Roles.SEARCH_TEAM, Roles.POLICE_LIAISON, Roles.ADMIN})
public class DescriptionResource {

    public record Mark(
            @NotNull MarkKind kind,
            @Size(max = 100) String bodyLocation,
            @Size(max = 500) String text) {}

    /** Heights in cm: 40 to 250 covers a small child to the tallest adult; anything else is a typing error. */
    public record Describe(
            @Min(40) @Max(250) Integer heightMinCm,
            @Min(40) @Max(250) Integer heightMaxCm,
            Build build,
            @Size(max = 200) String hair,
            @Size(max = 30) List<@Valid @NotNull Mark> marks,
            @Size(max = 20) List<@NotBlank @Size(max = 200) String> disabilities,
            @Size(max = 20) List<@NotBlank @Size(max = 200) String> languages,
            @Size(max = 1000) String clothingAtAdmission,
            OffsetDateTime occurredAt) {}

    private final EventSourcing sourcing;
    private final DescriptionViews descriptions;
    private final Caller caller;
    private final AuditLog audit;
    private final PersonCommands commands;

    public DescriptionResource(
            EventSourcing sourcing,
            DescriptionViews descriptions,
            Caller caller,
            AuditLog audit,
            PersonCommands commands) {
        this.commands = commands;
        this.sourcing = sourcing;
        this.descriptions = descriptions;
        this.caller = caller;
        this.audit = audit;
    }

    @POST
    @RolesAllowed({Roles.STATION_STAFF, Roles.SEARCH_TEAM, Roles.ADMIN})
    @APIResponse(
            responseCode = "201",
            description = "The description as it now stands (Location: where it is read)",
            content =
                    @Content(
                            mediaType = "application/json",
                            schema = @Schema(implementation = DescriptionViews.DescriptionView.class)))
    public Response describe(
            @PathParam("personId") UUID personId,
            @HeaderParam("If-Match") String ifMatch,
            @Valid @NotNull Describe request) {
        List<DistinguishingMark> marks = request.marks() == null
                ? List.of()
                : request.marks().stream()
                        .map(m -> new DistinguishingMark(m.kind(), strip(m.bodyLocation()), strip(m.text())))
                        .toList();
        commands.describe(
                personId,
                Versions.ifMatch(ifMatch),
                new PersonCommands.Description(
                        request.heightMinCm(),
                        request.heightMaxCm(),
                        request.build(),
                        strip(request.hair()),
                        marks,
                        strings(request.disabilities()),
                        strings(request.languages()),
                        strip(request.clothingAtAdmission())),
                request.occurredAt());
        return Response.created(URI.create("/api/persons/" + personId + "/description"))
                .entity(read(personId))
                .build();
    }

    @GET
    public DescriptionViews.DescriptionView get(@PathParam("personId") UUID personId) {
        DescriptionViews.DescriptionView view = read(personId);
        audit.record(caller, "READ_PERSON_DESCRIPTION", personId);
        return view;
    }

    private DescriptionViews.DescriptionView read(UUID personId) {
        return sourcing.inTransaction(c -> descriptions.description(c, personId))
                .orElseThrow(() -> HomewardException.notFound("Description of person", personId));
    }

    private static List<String> strings(List<String> values) {
        return values == null ? List.of() : values.stream().map(String::strip).toList();
    }

    private static String strip(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
