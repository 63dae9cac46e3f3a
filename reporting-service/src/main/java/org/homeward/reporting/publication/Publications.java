package org.homeward.reporting.publication;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import org.homeward.events.Actor;
import org.homeward.platform.problem.HomewardException;
import org.homeward.platform.sourcing.EventSourcing;
import org.homeward.platform.sourcing.Sql;
import org.homeward.reporting.facts.FactSchemas;
import org.homeward.reporting.facts.KnownAt;
import org.homeward.reporting.report.FigureChanges;
import org.homeward.reporting.report.ReportCatalog;

/**
 * Publishing a report freezes its knownAt (docs/adr/0027): the publication is an append-only record
 * (who, which report and parameters, known at, the document's SHA-256), and reading it back recomputes
 * the report from the facts as known at that instant, byte for byte the document first published.
 */
@ApplicationScoped
public class Publications {

    public record Publication(
            UUID publicationId,
            String type,
            Map<String, String> parameters,
            OffsetDateTime knownAt,
            String sha256,
            String publishedBy,
            String publishedByRole,
            OffsetDateTime publishedAt) {}

    /** A dashboard series against its latest publication: whether, and which, figures are known differently now. */
    public record SeriesStatus(
            String type,
            Map<String, String> parameters,
            Publication latestPublication,
            Boolean changedSincePublication,
            List<String> changedFigures) {}

    private final EventSourcing sourcing;
    private final FactSchemas facts;
    private final ReportCatalog catalog;
    private final ObjectMapper mapper;

    public Publications(EventSourcing sourcing, FactSchemas facts, ReportCatalog catalog, ObjectMapper mapper) {
        this.sourcing = sourcing;
        this.facts = facts;
        this.catalog = catalog;
        this.mapper = mapper;
    }

    /** Computes the report as known at {@code knownAt} (null: now) and records its publication. */
    public Publication publish(ReportCatalog.Prepared report, KnownAt knownAt, Actor by) {
        // Postgres keeps microseconds: the frozen instant is one it can store and compare exactly.
        KnownAt frozen = knownAt != null
                ? knownAt
                : new KnownAt(OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS));
        byte[] document = document(report, frozen);
        UUID id = UUID.randomUUID();
        return sourcing.inTransaction(c -> {
            Sql.update(
                    c,
                    "INSERT INTO report_publication (publication_id, report_type, parameters, known_at, sha256, "
                            + "published_by, published_role) VALUES (?, ?, ?::jsonb, ?, ?, ?, ?)",
                    id,
                    report.type(),
                    json(report.parameters()),
                    frozen.instant(),
                    sha256(document),
                    by.subject(),
                    by.role());
            return find(c, id).orElseThrow();
        });
    }

    /** The report of a publication, recomputed; a document that no longer matches its digest is refused loudly. */
    public byte[] reproduce(Publication publication) {
        ReportCatalog.Prepared report = catalog.prepare(publication.type(), publication.parameters());
        byte[] document = document(report, new KnownAt(publication.knownAt()));
        if (!sha256(document).equals(publication.sha256())) {
            throw HomewardException.conflict("Publication " + publication.publicationId() + " no longer reproduces: an "
                    + "event recorded before " + publication.knownAt() + " reached reporting after it was published");
        }
        return document;
    }

    public byte[] document(ReportCatalog.Prepared report, KnownAt knownAt) {
        Object figures = facts.inLive(knownAt, report::compute);
        try {
            return mapper.writeValueAsBytes(figures);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public Publication get(UUID id) {
        return sourcing.inTransaction(c -> find(c, id))
                .orElseThrow(() -> HomewardException.notFound("Publication", id.toString()));
    }

    public List<Publication> list(String type) {
        return sourcing.inTransaction(c -> Sql.list(
                c,
                SELECT + "WHERE ?::text IS NULL OR report_type = ? " + "ORDER BY position DESC LIMIT 200",
                this::publication,
                type,
                type));
    }

    /** The latest publication of exactly this report and parameters. */
    public Optional<Publication> latest(ReportCatalog.Prepared report) {
        return sourcing.inTransaction(c -> Sql.one(
                c,
                SELECT + "WHERE report_type = ? AND parameters = ?::jsonb " + "ORDER BY position DESC LIMIT 1",
                this::publication,
                report.type(),
                json(report.parameters())));
    }

    /** Each report against its latest publication: changed when the figures known now differ from those published. */
    public List<SeriesStatus> status(List<ReportCatalog.Prepared> series) {
        List<SeriesStatus> out = new ArrayList<>();
        for (ReportCatalog.Prepared report : series) {
            Optional<Publication> latest = latest(report);
            if (latest.isEmpty()) {
                out.add(new SeriesStatus(report.type(), report.parameters(), null, null, List.of()));
                continue;
            }
            var published =
                    mapper.valueToTree(facts.inLive(new KnownAt(latest.get().knownAt()), report::compute));
            var now = mapper.valueToTree(facts.inLive(report::compute));
            List<String> changed = FigureChanges.differences((JsonNode) published, (JsonNode) now).stream()
                    .map(FigureChanges.Difference::figure)
                    .toList();
            out.add(new SeriesStatus(report.type(), report.parameters(), latest.get(), !changed.isEmpty(), changed));
        }
        return out;
    }

    private static final String SELECT = "SELECT publication_id, report_type, parameters::text, known_at, sha256, "
            + "published_by, published_role, published_at FROM report_publication ";

    private Optional<Publication> find(Connection c, UUID id) throws SQLException {
        return Sql.one(c, SELECT + "WHERE publication_id = ?", this::publication, id);
    }

    private Publication publication(ResultSet rs) throws SQLException {
        Map<String, String> parameters;
        try {
            parameters = new TreeMap<>(mapper.readValue(rs.getString(3), new TypeReference<Map<String, String>>() {}));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        return new Publication(
                rs.getObject(1, UUID.class),
                rs.getString(2),
                parameters,
                rs.getObject(4, OffsetDateTime.class),
                rs.getString(5),
                rs.getString(6),
                rs.getString(7),
                rs.getObject(8, OffsetDateTime.class));
    }

    private String json(Map<String, String> parameters) {
        try {
            return mapper.writeValueAsString(new TreeMap<>(parameters));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
