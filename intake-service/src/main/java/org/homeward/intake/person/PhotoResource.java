package org.homeward.intake.person;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.homeward.events.intake.PhotoKind;
import org.homeward.intake.photo.Photo;
import org.homeward.intake.photo.PhotoStore;
import org.homeward.platform.problem.FieldError;
import org.homeward.platform.problem.HomewardException;
import org.homeward.platform.problem.Problem;
import org.homeward.platform.security.AuditLog;
import org.homeward.platform.security.Caller;
import org.homeward.platform.security.Disclosure;
import org.homeward.platform.security.FieldPolicy.DataClass;
import org.homeward.platform.security.Roles;
import org.homeward.platform.sourcing.EventSourcing;
import org.homeward.platform.web.Versions;

/**
 * Photos of a person (admission photo, later photos): uploaded as the raw JPEG or PNG body, stored once
 * per content hash in the {@link PhotoStore}, announced by a PhotoAdded event without the bytes, and
 * served only to the roles that may see the person, every read audited.
 */
@Path("/api/persons/{personId}/photos")
@RolesAllowed({Roles.STATION_STAFF, Roles.SEARCH_TEAM, Roles.POLICE_LIAISON, Roles.ADMIN})
public class PhotoResource {

    public record PhotoStored(
            String sha256, String contentType, long sizeBytes, String kind, boolean alreadyOnRecord, String href) {}

    private final EventSourcing sourcing;
    private final DescriptionViews views;
    private final PhotoStore store;
    private final Caller caller;
    private final AuditLog audit;
    private final long maxBytes;
    private final ErasedPersons erased;
    private final PersonCommands commands;

    public PhotoResource(
            EventSourcing sourcing,
            DescriptionViews views,
            PhotoStore store,
            Caller caller,
            AuditLog audit,
            @ConfigProperty(name = "homeward.photo.max-bytes", defaultValue = "5242880") long maxBytes,
            ErasedPersons erased,
            PersonCommands commands) {
        this.commands = commands;
        this.erased = erased;
        this.sourcing = sourcing;
        this.views = views;
        this.store = store;
        this.caller = caller;
        this.audit = audit;
        this.maxBytes = maxBytes;
    }

    @POST
    @Consumes({Photo.JPEG, Photo.PNG})
    @RolesAllowed({Roles.STATION_STAFF, Roles.SEARCH_TEAM, Roles.ADMIN})
    @APIResponse(
            responseCode = "201",
            description = "The photo was added to the person (Location: the photo)",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = PhotoStored.class)))
    @APIResponse(
            responseCode = "200",
            description = "The person already had this photo: nothing was added (alreadyOnRecord is true)",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = PhotoStored.class)))
    public Response upload(
            @PathParam("personId") UUID personId,
            @HeaderParam("If-Match") String ifMatch,
            @HeaderParam("Content-Type") String declared,
            @QueryParam("kind") @DefaultValue("LATER") String kind,
            @QueryParam("occurredAt") String occurredAt,
            InputStream body)
            throws IOException {
        PhotoKind photoKind = kind(kind);
        OffsetDateTime requested = occurredAt(occurredAt);
        // Read one byte past the limit: an HTTP/2 body without a length reaches here unmeasured.
        byte[] bytes = body.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
        if (bytes.length > maxBytes) {
            throw new HomewardException(
                    413,
                    "Payload too large",
                    "A photo may have at most " + maxBytes + " bytes",
                    List.of(new FieldError("body", "more than " + maxBytes + " bytes")));
        }
        String type = Photo.detectType(bytes)
                .orElseThrow(() ->
                        HomewardException.rule("body", "is not a JPEG or PNG image (checked by its first bytes)"));
        String declaredType =
                MediaType.valueOf(declared).withCharset(null).toString().toLowerCase(Locale.ROOT);
        if (!declaredType.startsWith(type)) {
            throw HomewardException.rule("Content-Type", "says " + declaredType + " but the body is " + type);
        }
        Photo photo = Photo.of(type, bytes);
        boolean added = commands.addPhoto(personId, Versions.ifMatch(ifMatch), photo, photoKind, requested);
        String href = "/api/persons/" + personId + "/photos/" + photo.sha256();
        PhotoStored stored = new PhotoStored(photo.sha256(), type, photo.size(), photoKind.name(), !added, href);
        return (added ? Response.created(URI.create(href)) : Response.ok())
                .entity(stored)
                .build();
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public List<DescriptionViews.PhotoView> list(@PathParam("personId") UUID personId) {
        requireMayRead();
        List<DescriptionViews.PhotoView> photos = sourcing.inTransaction(c -> views.photos(c, personId));
        audit.record(caller, "READ_PERSON_PHOTOS", personId);
        return photos;
    }

    @GET
    @Path("{sha256}")
    @APIResponse(
            responseCode = "410",
            description = "The person was erased: the photo's bytes are no longer kept",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @Produces({Photo.JPEG, Photo.PNG, MediaType.APPLICATION_JSON})
    @APIResponse(
            responseCode = "200",
            description = "The photo's bytes as stored (ETag: its SHA-256); JSON only for a problem",
            content = {
                @Content(mediaType = Photo.JPEG, schema = @Schema(type = SchemaType.STRING, format = "binary")),
                @Content(mediaType = Photo.PNG, schema = @Schema(type = SchemaType.STRING, format = "binary"))
            })
    public Response download(@PathParam("personId") UUID personId, @PathParam("sha256") String sha256) {
        requireMayRead();
        if (!sha256.matches("[0-9a-f]{64}")) {
            throw HomewardException.badInput("sha256", "must be 64 lower-case hex digits");
        }
        Photo photo = sourcing.inTransaction(c -> {
            if (views.photo(c, personId, sha256).isEmpty()) { // only a photo of this person, whatever the hash
                throw HomewardException.notFound("Photo", sha256 + " of person " + personId);
            }
            Optional<ErasedPersons.Erasure> erasure = erased.of(c, personId);
            if (erasure.isPresent()) { // the bytes are gone; say so rather than pretend the photo never was
                throw new HomewardException(
                        410,
                        "Gone",
                        "The personal data of person " + personId + " were erased on "
                                + erasure.get().erasedAt() + ": the photo is no longer kept",
                        List.of());
            }
            return store.get(c, sha256).orElseThrow(() -> HomewardException.notFound("Photo", sha256));
        });
        audit.record(caller, "READ_PERSON_PHOTO", personId);
        return Response.ok(photo.bytes(), photo.contentType())
                .tag(sha256)
                .header("Cache-Control", "private, no-store")
                .build();
    }

    /** A face identifies: photos are identity data, read by whom the field policy allows. */
    private static void requireMayRead() {
        if (!Disclosure.mayRead(DataClass.IDENTITY_FRAGMENTS)) {
            throw new HomewardException(403, "Forbidden", "This role may not see photos of persons", List.of());
        }
    }

    private static PhotoKind kind(String kind) {
        try {
            return PhotoKind.valueOf(kind.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw HomewardException.badInput("kind", "must be one of " + Arrays.toString(PhotoKind.values()));
        }
    }

    private static OffsetDateTime occurredAt(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw HomewardException.badInput(
                    "occurredAt", "must be a date-time with offset, e.g. 2018-06-01T09:00:00+08:00");
        }
    }
}
