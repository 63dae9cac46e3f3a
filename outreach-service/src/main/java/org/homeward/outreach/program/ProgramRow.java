package org.homeward.outreach.program;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.hibernate.annotations.Immutable;

/**
 * A row of the programme read model as a Hibernate Reactive entity, for reads on the event loop (ADR 43).
 * Read only: {@link Programs} writes the table in the command's JDBC transaction, Flyway owns its schema.
 */
@Entity
@Immutable
@Table(name = "program")
public class ProgramRow {
    @Id
    @Column(name = "program_id", columnDefinition = "uuid")
    UUID programId;

    @Column(name = "name", columnDefinition = "text")
    String name;

    @Column(name = "kind", columnDefinition = "text")
    String kind;

    @Column(name = "station_id", columnDefinition = "text")
    String stationId;

    @Column(name = "partner_id", columnDefinition = "text")
    String partnerId;

    @Column(name = "started_at", columnDefinition = "timestamptz")
    OffsetDateTime startedAt;

    protected ProgramRow() {}

    public String kind() {
        return kind;
    }

    public String partnerId() {
        return partnerId;
    }
}
