package org.homeward.search.partnerfeed;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.homeward.platform.problem.HomewardException;
import org.homeward.platform.security.AuditLog;
import org.homeward.platform.security.Caller;
import org.homeward.platform.security.Roles;
import org.homeward.platform.sourcing.EventSourcing;
import org.homeward.search.partner.Partners;

/**
 * A partner's feed secrets: the partner itself (PARTNER token) or an ADMIN lists them, reads one
 * (with its secret, audited) and rotates (a new key signs from then on). Verifying a record: ADR 25.
 */
@Path("/api/partners/{partnerId}/feed-keys")
@RolesAllowed({Roles.PARTNER, Roles.ADMIN})
public class PartnerFeedKeyResource {
    private final EventSourcing sourcing;
    private final PartnerFeedKeys keys;
    private final Partners partners;
    private final Caller caller;
    private final AuditLog audit;

    public PartnerFeedKeyResource(
            EventSourcing sourcing, PartnerFeedKeys keys, Partners partners, Caller caller, AuditLog audit) {
        this.sourcing = sourcing;
        this.keys = keys;
        this.partners = partners;
        this.caller = caller;
        this.audit = audit;
    }

    /**
     * The partner's keys without their secrets, oldest first; {@code signing} marks the one in use. A
     * read only: the first key is made at registration (or by a POST), never by looking.
     */
    @GET
    public List<PartnerFeedKeys.KeyInfo> listFeedKeys(@PathParam("partnerId") String partnerId) {
        caller.requireOwnPartner(partnerId);
        return sourcing.inTransaction(c -> {
            registered(c, partnerId);
            return keys.list(c, partnerId);
        });
    }

    @GET
    @Path("{keyId}")
    @APIResponse(
            responseCode = "200",
            description = "The key with its secret (base64url text: its UTF-8 bytes are the HMAC key)",
            content =
                    @Content(
                            mediaType = "application/json",
                            schema = @Schema(implementation = PartnerFeedKeys.Key.class)))
    public Response feedKey(@PathParam("partnerId") String partnerId, @PathParam("keyId") int keyId) {
        caller.requireOwnPartner(partnerId);
        PartnerFeedKeys.Key key = sourcing.inTransaction(c -> keys.find(c, partnerId, keyId))
                .orElseThrow(() -> HomewardException.notFound("Feed key of partner " + partnerId, keyId));
        audit.record(caller, "READ_PARTNER_FEED_KEY", partnerId + "/" + keyId);
        return Response.ok(key).build();
    }

    /**
     * Rotation: a new secret signs the partner's records from now on (e.g. when the old one may have
     * leaked); for a partner that has none yet, its first.
     */
    @POST
    @APIResponse(
            responseCode = "201",
            description = "The new key, with its secret (Location: the key)",
            content =
                    @Content(
                            mediaType = "application/json",
                            schema = @Schema(implementation = PartnerFeedKeys.Key.class)))
    public Response rotateFeedKey(@PathParam("partnerId") String partnerId) {
        caller.requireOwnPartner(partnerId);
        PartnerFeedKeys.Key key = sourcing.inTransaction(c -> {
            registered(c, partnerId);
            return keys.rotate(c, partnerId, caller.actor().subject());
        });
        audit.record(caller, "ROTATE_PARTNER_FEED_KEY", partnerId + "/" + key.keyId());
        return Response.created(URI.create("/api/partners/" + partnerId + "/feed-keys/" + key.keyId()))
                .entity(key)
                .build();
    }

    private void registered(Connection c, String partnerId) throws SQLException {
        if (partners.find(c, partnerId).isEmpty()) {
            throw HomewardException.notFound("Partner", partnerId);
        }
    }
}
