package org.homeward.outreach.streetcase;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.hibernate.annotations.Formula;
import org.hibernate.annotations.Immutable;

/**
 * A row of the street case read model as a Hibernate Reactive entity, for reads on the event loop (ADR 43).
 * Read only: {@link StreetCases} writes the table in the command's JDBC transaction, Flyway owns its schema.
 */
@Entity
@Immutable
@Table(name = "street_case")
class StreetCaseRow {
    @Id
    @Column(name = "case_id", columnDefinition = "uuid")
    UUID caseId;

    @Column(name = "program_id", columnDefinition = "uuid")
    UUID programId;

    @Column(name = "location", columnDefinition = "text")
    String location;

    @Column(name = "description", columnDefinition = "text")
    String description;

    @Column(name = "opened_at", columnDefinition = "timestamptz")
    OffsetDateTime openedAt;

    @Column(name = "identified_at", columnDefinition = "timestamptz")
    OffsetDateTime identifiedAt;

    @Column(name = "name", columnDefinition = "text")
    String name;

    @Column(name = "hometown", columnDefinition = "text")
    String hometown;

    @Column(name = "outcome", columnDefinition = "text")
    String outcome;

    @Column(name = "outcome_at", columnDefinition = "timestamptz")
    OffsetDateTime outcomeAt;

    @Column(name = "referral_id", columnDefinition = "uuid")
    UUID referralId;

    /** The record linked (an unmerge gives it back). */
    @Column(name = "resident_person_id", columnDefinition = "uuid")
    UUID linkedPersonId;

    /** The linked record as intake's persons read now: its survivor while it is merged away (ADR 23). */
    @Formula("survivor_of(resident_person_id)")
    UUID residentPersonId;

    @Column(name = "version")
    long version;

    protected StreetCaseRow() {}
}
