package org.homeward.search.partner;

import io.quarkus.security.Authenticated;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.homeward.domain.NewEvent;
import org.homeward.domain.StreamId;
import org.homeward.events.search.PartnerEvent.PartnerRegistered;
import org.homeward.events.search.PartnerKind;
import org.homeward.platform.problem.HomewardException;
import org.homeward.platform.security.Caller;
import org.homeward.platform.security.Roles;
import org.homeward.platform.sourcing.BusinessTime;
import org.homeward.platform.sourcing.EventSourcing;

@Path("/api/partners")
@Authenticated
public class PartnerResource {

    public record RegisterPartner(
            @NotNull
            @Pattern(regexp = "[a-z0-9][a-z0-9-]{1,62}", message = "must be a slug: lower-case letters, digits, '-'")
            String partnerId,

            @NotBlank @Size(max = 200) String name,
            @NotNull PartnerKind kind) {}

    private final EventSourcing sourcing;
    private final Partners partners;
    private final Caller caller;

    public PartnerResource(EventSourcing sourcing, Partners partners, Caller caller) {
        this.sourcing = sourcing;
        this.partners = partners;
        this.caller = caller;
    }

    @POST
    @RolesAllowed(Roles.ADMIN)
    @APIResponse(
            responseCode = "201",
            description = "The partner was registered (Location: the partner)",
            content =
                    @Content(
                            mediaType = "application/json",
                            schema = @Schema(implementation = Partners.PartnerView.class)))
    public Response register(@Valid @NotNull RegisterPartner request) {
        StreamId stream = new StreamId(Partners.STREAM, request.partnerId());
        Partners.PartnerView view = sourcing.inTransaction(c -> {
            sourcing.create(
                    c,
                    stream,
                    List.of(new NewEvent(
                            new PartnerRegistered(
                                    request.partnerId(), request.name().strip(), request.kind()),
                            BusinessTime.now())),
                    caller.metadata(),
                    "Partner " + request.partnerId() + " is already registered");
            return partners.find(c, request.partnerId()).orElseThrow();
        });
        return Response.created(URI.create("/api/partners/" + request.partnerId()))
                .entity(view)
                .build();
    }

    /** The registry, for those who work with partners; a partner sees only its own entry. */
    @GET
    @RolesAllowed({
        Roles.STATION_STAFF,
        Roles.SEARCH_TEAM,
        Roles.POLICE_LIAISON,
        Roles.OUTREACH_WORKER,
        Roles.PARTNER,
        Roles.ADMIN
    })
    public List<Partners.PartnerView> all() {
        return sourcing.inTransaction(partners::all).stream()
                .filter(p -> !caller.isPartner() || p.partnerId().equals(caller.partnerId()))
                .toList();
    }

    @GET
    @Path("{partnerId}")
    @RolesAllowed({
        Roles.STATION_STAFF,
        Roles.SEARCH_TEAM,
        Roles.POLICE_LIAISON,
        Roles.OUTREACH_WORKER,
        Roles.PARTNER,
        Roles.ADMIN
    })
    public Partners.PartnerView one(@PathParam("partnerId") String partnerId) {
        return sourcing.inTransaction(c -> partners.find(c, partnerId))
                .filter(p -> !caller.isPartner() || p.partnerId().equals(caller.partnerId())) // another's: as if absent
                .orElseThrow(() -> HomewardException.notFound("Partner", partnerId));
    }
}
