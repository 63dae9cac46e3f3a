package org.homeward.intake.admission;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.homeward.events.intake.ArrivalChannel;
import org.homeward.events.intake.Sex;
import org.homeward.intake.duplicate.DuplicateCheck;
import org.homeward.platform.security.Roles;

/**
 * Admission (入站): registers a new person or re-admits a known one, opens the stay and, when the
 * person came through an outreach referral, marks the expected arrival as arrived. One transaction
 * ({@link AdmissionCommands}).
 */
@Path("/api/admissions")
@RolesAllowed({Roles.STATION_STAFF, Roles.ADMIN})
public class AdmissionResource {

    public record NewPerson(
            @Size(max = 100) String name,
            @NotNull Sex sex,
            @Min(0) @Max(120) Integer estimatedAge,
            @NotNull Boolean identified,
            @Size(max = 200) String hometown,
            @Size(max = 2000) String description) {}

    public record Admit(
            @Valid NewPerson person,
            UUID personId,
            @NotBlank @Size(max = 64) String stationId,

            @Schema(required = true, description = "OUTREACH_REFERRAL when referralId is given")
            ArrivalChannel arrivalChannel,

            UUID referralId,
            OffsetDateTime occurredAt) {}

    /** {@code possibleDuplicates}: records that may be the newly registered person already (review them). */
    public record Admitted(UUID personId, UUID stayId, List<DuplicateCheck.SuspectedPair> possibleDuplicates) {}

    private final AdmissionCommands commands;

    public AdmissionResource(AdmissionCommands commands) {
        this.commands = commands;
    }

    @POST
    @APIResponse(
            responseCode = "201",
            description = "Admitted: the person and the stay opened (Location: the stay)",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = Admitted.class)))
    public Response admit(@Valid @NotNull Admit request) {
        NewPerson p = request.person();
        AdmissionCommands.Admission admission = commands.admit(
                p == null
                        ? null
                        : new Admissions.Newcomer(
                                p.name(), p.sex(), p.estimatedAge(), p.identified(), p.hometown(), p.description()),
                request.personId(),
                request.stationId(),
                request.arrivalChannel(),
                request.referralId(),
                request.occurredAt());
        return Response.created(URI.create("/api/stays/" + admission.stayId()))
                .entity(new Admitted(admission.personId(), admission.stayId(), admission.possibleDuplicates()))
                .build();
    }
}
