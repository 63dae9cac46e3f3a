package org.homeward.platform.keys;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.homeward.events.personal.DataKey;

/**
 * Hands a data key, still wrapped under the master key, to another service of the installation that
 * must open a personal value this service sealed (ADR 33): search-service matching intake's residents.
 * Not under /api and not for people: the caller proves it holds the master key (an HMAC of the key id
 * and the time, within five minutes), and what it gets opens only with that same master key. A key
 * destroyed by an erasure is 410 Gone, one never made 404, a missing or wrong proof 401.
 */
@Path("/internal/keys")
public class KeyResource {
    static final String PROOF_HEADER = "X-Homeward-Key-Proof";
    private static final long SKEW_SECONDS = 300;
    private final PersonKeys keys;

    public KeyResource(PersonKeys keys) {
        this.keys = keys;
    }

    @GET
    @Path("/{keyId}")
    @Produces(MediaType.TEXT_PLAIN)
    @Operation(hidden = true) // service to service; the public contract has no use for it
    public Response key(@PathParam("keyId") String keyId, @HeaderParam(PROOF_HEADER) String proof) {
        if (!proven(keyId, proof)) {
            return Response.status(401).build();
        }
        if (!DataKey.owner(keyId).equals(keys.owner())) {
            return Response.status(404).build();
        }
        Optional<byte[]> wrapped = keys.wrapped(keyId);
        if (wrapped.isPresent()) {
            return Response.ok(Base64.getEncoder().encodeToString(wrapped.get()))
                    .build();
        }
        return Response.status(keys.known(keyId) ? 410 : 404).build();
    }

    private boolean proven(String keyId, String proof) {
        if (proof == null || !proof.contains(":")) {
            return false;
        }
        try {
            long at = Long.parseLong(proof.substring(0, proof.indexOf(':')));
            if (Math.abs(Instant.now().getEpochSecond() - at) > SKEW_SECONDS) {
                return false;
            }
            DataKey.subject(keyId); // a well-formed key id
            byte[] expected = keys.master().proof(keyId, at).getBytes(StandardCharsets.US_ASCII);
            return MessageDigest.isEqual(
                    expected, proof.substring(proof.indexOf(':') + 1).getBytes(StandardCharsets.US_ASCII));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
