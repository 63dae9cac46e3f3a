package org.homeward.reporting.report;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Stream;
import org.homeward.events.DomainEvent;
import org.homeward.events.EventTypes;
import org.homeward.events.intake.PersonEvent;
import org.homeward.events.intake.RiskFlagEvent;
import org.homeward.events.intake.StationEvent;
import org.homeward.events.intake.StayEvent;
import org.homeward.events.outreach.PartnerWorkEvent;
import org.homeward.events.outreach.ProgramEvent;
import org.homeward.events.outreach.ProgramKind;
import org.homeward.events.outreach.StreetCaseEvent;
import org.homeward.events.search.PartnerEvent;
import org.homeward.events.search.SearchCaseEvent;
import org.homeward.platform.problem.HomewardException;
import org.homeward.platform.web.DateParams;
import org.homeward.platform.web.Period;

/**
 * Every report by name and parameters, as a publication or a "what changed since" names it
 * (docs/adr/0027): the same computations as the report endpoints, the same parameter rules.
 */
@ApplicationScoped
public class ReportCatalog {

    /** A report ready to compute: its canonical parameters, the end of its business period, the event types it reads. */
    public record Prepared(
            String type,
            Map<String, String> parameters,
            LocalDate periodEnd,
            String stationId,
            Set<String> eventTypes,
            Computation computation) {
        public Object compute(Connection c) throws SQLException {
            return computation.compute(c);
        }
    }

    @FunctionalInterface
    public interface Computation {
        Object compute(Connection c) throws SQLException;
    }

    public static final List<String> TYPES = List.of(
            "retention",
            "retention-series",
            "retention-change",
            "family-search",
            "family-search-monthly",
            "notices",
            "outreach",
            "flow",
            "at-risk",
            "resources",
            "social-participation",
            "annual");

    private static final Set<String> STAYS = names(StayEvent.PersonAdmitted.class, StayEvent.PersonDischarged.class);
    private static final Set<String> IDENTITY = names(
            PersonEvent.IdentityConfirmed.class, SearchCaseEvent.FamilyFound.class, StayEvent.PersonAdmitted.class);
    private static final Set<String> CARE = names(
            StayEvent.EntrustedCareStarted.class,
            StayEvent.EntrustedCareTransferred.class,
            StayEvent.EntrustedCareEnded.class,
            StayEvent.HospitalisationStarted.class,
            StayEvent.HospitalisationEnded.class);
    private static final Set<String> SUCCESSES =
            names(SearchCaseEvent.FamilyFound.class, PartnerEvent.PartnerRegistered.class);
    private static final Set<String> NOTICES = names(SearchCaseEvent.NoticePublished.class);
    private static final Set<String> STREET = union(
            family(StreetCaseEvent.class),
            names(ProgramEvent.ProgramStarted.class, PartnerEvent.PartnerRegistered.class));
    private static final Set<String> AT_RISK = names(
            PersonEvent.PersonRegistered.class,
            RiskFlagEvent.RiskFlagSet.class,
            RiskFlagEvent.RiskFlagCleared.class,
            StayEvent.HospitalisationStarted.class,
            StayEvent.HospitalisationEnded.class);
    private static final Set<String> SOCIAL = union(
            family(PartnerWorkEvent.class),
            names(
                    ProgramEvent.PatrolConducted.class,
                    ProgramEvent.ProgramStarted.class,
                    PartnerEvent.PartnerRegistered.class));
    private static final Set<String> STATIONS = names(StationEvent.StationRegistered.class);

    private final ReportQueries queries;
    private final Reports reports;
    private final AtRiskReport atRisk;
    private final SocialParticipationReport social;
    private final AnnualReportResource annual;

    public ReportCatalog(
            ReportQueries queries,
            Reports reports,
            AtRiskReport atRisk,
            SocialParticipationReport social,
            AnnualReportResource annual) {
        this.queries = queries;
        this.reports = reports;
        this.atRisk = atRisk;
        this.social = social;
        this.annual = annual;
    }

    /** Checks a report's name and parameters (bad input names the field); the result computes it on a connection. */
    public Prepared prepare(String type, Map<String, String> given) {
        if (type == null || !TYPES.contains(type)) {
            throw HomewardException.badInput("type", "must be one of " + TYPES);
        }
        Map<String, String> p = new TreeMap<>();
        if (given != null) {
            given.forEach((k, v) -> {
                if (v != null && !v.isBlank()) {
                    p.put(k, v.strip());
                }
            });
        }
        String station = p.get("stationId");
        return switch (type) {
            case "retention" -> {
                allow(p, "asOf", "stationId");
                LocalDate day = DateParams.date("asOf", p.get("asOf"));
                yield new Prepared(
                        type, p, day, station, union(STAYS, IDENTITY), c -> queries.retention(c, day, station));
            }
            case "at-risk" -> {
                allow(p, "asOf", "stationId");
                LocalDate day = DateParams.date("asOf", p.get("asOf"));
                yield new Prepared(type, p, day, station, union(STAYS, AT_RISK), c -> atRisk.report(c, day, station));
            }
            case "resources" -> {
                allow(p, "stationId");
                yield new Prepared(type, p, null, station, STATIONS, c -> reports.resources(c, station));
            }
            case "annual" -> {
                allow(p, "year", "stationId");
                int y = AnnualReportResource.year(p.get("year"));
                yield new Prepared(
                        type,
                        p,
                        LocalDate.of(y + 1, 1, 1),
                        station,
                        union(STAYS, IDENTITY, CARE, SUCCESSES, NOTICES, STREET, SOCIAL, STATIONS),
                        c -> annual.annual(c, y, station));
            }
            default -> period(type, p, station);
        };
    }

    private Prepared period(String type, Map<String, String> p, String station) {
        if (type.equals("outreach")) {
            allow(p, "from", "to", "stationId", "programKind", "partnerId", "programId");
        } else {
            allow(p, "from", "to", "stationId");
        }
        Period period = Period.parse(p.get("from"), p.get("to"));
        if (type.equals("flow") || type.equals("retention-series")) {
            period.atMostYears(20, "a period");
        }
        LocalDate from = period.from();
        LocalDate to = period.to();
        return switch (type) {
            case "retention-series" ->
                new Prepared(
                        type,
                        p,
                        to,
                        station,
                        union(STAYS, IDENTITY),
                        c -> reports.retentionSeries(c, from, to, station));
            case "retention-change" ->
                new Prepared(
                        type,
                        p,
                        to,
                        station,
                        union(STAYS, IDENTITY),
                        c -> reports.retentionChange(c, from, to, station));
            case "family-search" ->
                new Prepared(
                        type, p, to, station, union(SUCCESSES, STAYS), c -> reports.familySearch(c, from, to, station));
            case "family-search-monthly" ->
                new Prepared(
                        type,
                        p,
                        to,
                        station,
                        union(SUCCESSES, STAYS),
                        c -> reports.familySearchMonthly(c, from, to, station));
            case "notices" ->
                new Prepared(type, p, to, station, union(NOTICES, STAYS), c -> reports.notices(c, from, to, station));
            case "flow" ->
                new Prepared(type, p, to, station, union(STAYS, CARE), c -> reports.flow(c, from, to, station));
            case "social-participation" ->
                new Prepared(type, p, to, station, SOCIAL, c -> social.of(c, from, to, station));
            case "outreach" -> {
                ProgramKind kind = ReportResource.kind(p.get("programKind"));
                UUID program = ReportResource.uuid("programId", p.get("programId"));
                String partner = p.get("partnerId");
                yield new Prepared(type, p, to, station, STREET, c -> {
                    if (partner != null && !queries.partnerKnown(c, partner)) {
                        throw HomewardException.badInput("partnerId", "unknown partner " + partner);
                    }
                    return reports.outreach(c, from, to, kind, partner, program, station);
                });
            }
            default -> throw new IllegalStateException(type);
        };
    }

    private static void allow(Map<String, String> p, String... names) {
        List<String> allowed = Arrays.asList(names);
        for (String key : p.keySet()) {
            if (!allowed.contains(key)) {
                throw HomewardException.badInput(key, "not a parameter of this report; it takes " + allowed);
            }
        }
    }

    @SafeVarargs
    private static Set<String> names(Class<? extends DomainEvent>... types) {
        Set<String> names = new LinkedHashSet<>();
        for (Class<? extends DomainEvent> t : types) {
            names.add(EventTypes.nameOf(t));
        }
        return Set.copyOf(names);
    }

    @SuppressWarnings("unchecked")
    private static Set<String> family(Class<? extends DomainEvent> sealed) {
        Set<String> names = new LinkedHashSet<>();
        for (Class<?> t : sealed.getPermittedSubclasses()) {
            names.add(EventTypes.nameOf((Class<? extends DomainEvent>) t));
        }
        return Set.copyOf(names);
    }

    @SafeVarargs
    private static Set<String> union(Set<String>... sets) {
        return Set.copyOf(Stream.of(sets).flatMap(Set::stream).toList());
    }
}
