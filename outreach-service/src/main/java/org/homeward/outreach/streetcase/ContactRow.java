package org.homeward.outreach.streetcase;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.hibernate.annotations.Immutable;

/** A row of the contacts read model as a Hibernate Reactive entity (ADR 43); written by {@link StreetCases}. */
@Entity
@Immutable
@Table(name = "contact")
class ContactRow {
    @Id
    @Column(name = "contact_id", columnDefinition = "uuid")
    UUID contactId;

    @Column(name = "case_id", columnDefinition = "uuid")
    UUID caseId;

    @Column(name = "program_id", columnDefinition = "uuid")
    UUID programId;

    /** The services' names, comma-separated. */
    @Column(name = "services", columnDefinition = "text")
    String services;

    @Column(name = "supplies_value")
    BigDecimal suppliesValue;

    @Column(name = "patrol_id", columnDefinition = "uuid")
    UUID patrolId;

    @Column(name = "made_by", columnDefinition = "text")
    String madeBy;

    @Column(name = "made_at", columnDefinition = "timestamptz")
    OffsetDateTime madeAt;

    protected ContactRow() {}
}
