package org.homeward.reporting.report;

import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.homeward.events.intake.ArrivalChannel;
import org.homeward.events.intake.ExitType;
import org.homeward.events.outreach.ProgramKind;
import org.homeward.events.search.LeadChannel;
import org.homeward.platform.sourcing.BusinessTime;

/** The bureau's reports (docs/definitions.md), assembled from {@link ReportQueries}. */
@ApplicationScoped
public class Reports {

    public record RetentionChange(
            ReportQueries.Retention from, ReportQueries.Retention to, Map<String, BigDecimal> changePercent) {}

    /** One line of a breakdown; JSON names the key by its dimension ({@code category}, {@code group}, {@code channel}). */
    public sealed interface Share permits CategoryShare, GroupShare, ChannelShare {
        String key();

        String label();

        long count();

        BigDecimal sharePercent();
    }

    public record CategoryShare(String category, String label, long count, BigDecimal sharePercent) implements Share {
        @Override
        public String key() {
            return category;
        }
    }

    public record GroupShare(String group, String label, long count, BigDecimal sharePercent) implements Share {
        @Override
        public String key() {
            return group;
        }
    }

    public record ChannelShare(String channel, String label, long count, BigDecimal sharePercent) implements Share {
        @Override
        public String key() {
            return channel;
        }
    }

    public record PartnerShare(String partnerId, String name, long count, BigDecimal sharePercent) {}

    public record ChannelCount(String channel, long count) {}

    public record YearBefore(long successes, long retainedSuccesses) {}

    public record FamilySearch(
            LocalDate from,
            LocalDate to,
            long successes,
            long retainedSuccesses,
            BigDecimal monthlyAverageRetained,
            YearBefore previousYear,
            BigDecimal retainedYoYPercent,
            List<CategoryShare> byCategory,
            List<GroupShare> byGroup,
            List<ChannelShare> byChannel,
            List<PartnerShare> byPartner,
            List<ChannelCount> firstLeadChannel) {}

    public record Notices(
            LocalDate from,
            LocalDate to,
            long persons,
            BigDecimal monthlyAverage,
            long previousYearPersons,
            BigDecimal yoyPercent) {}

    public record OutreachYearBefore(long identified, long rescued) {}

    public record Outreach(
            LocalDate from,
            LocalDate to,
            String programKind,
            String partnerId,
            UUID programId,
            long identified,
            long rescued,
            OutreachYearBefore previousYear,
            BigDecimal identifiedRatio,
            BigDecimal rescuedRatio) {}

    public record Resources(
            long stations,
            Long nonRegisteredPopulation,
            BigDecimal areaKm2,
            BigDecimal perMillionNonRegisteredResidents,
            BigDecimal perThousandKm2) {}

    public record Count(String key, long count) {}

    public record LengthOfStay(BigDecimal medianDays, long past10Days, long past3Months) {}

    /**
     * The station's flow over [from, to) (docs/definitions.md): admissions by arrival channel, exits
     * by type, placement rate (安置率), turnover (周转率), the exits' length of stay, and who is in
     * entrusted care (托养) and in hospital at the start of {@code to}. {@code previousYear} is the
     * same period a year earlier (its own previousYear is null).
     */
    public record Flow(
            LocalDate from,
            LocalDate to,
            long admissions,
            List<Count> admissionsByChannel,
            long exits,
            List<Count> exitsByType,
            long finalPlacements,
            BigDecimal placementRatePercent,
            long personDays,
            BigDecimal averageInStation,
            BigDecimal turnover,
            LengthOfStay lengthOfStay,
            long inEntrustedCare,
            long inHospital,
            Flow previousYear) {}

    public record MonthCount(String month, long successes, long retainedSuccesses) {}

    private final ReportQueries queries;

    public Reports(ReportQueries queries) {
        this.queries = queries;
    }

    /** Retention at the first of each month in [from, to]: the dashboard's line chart. */
    public List<ReportQueries.Retention> retentionSeries(Connection c, LocalDate from, LocalDate to, String station)
            throws SQLException {
        List<ReportQueries.Retention> series = new ArrayList<>();
        for (LocalDate d = from.withDayOfMonth(1); !d.isAfter(to); d = d.plusMonths(1)) {
            series.add(queries.retention(c, d, station));
        }
        return series;
    }

    /** Family-search successes per calendar month in [from, to). */
    public List<MonthCount> familySearchMonthly(Connection c, LocalDate from, LocalDate to, String station)
            throws SQLException {
        Map<String, long[]> months = new TreeMap<>();
        for (LocalDate d = from.withDayOfMonth(1); d.isBefore(to); d = d.plusMonths(1)) {
            months.put(d.toString().substring(0, 7), new long[2]);
        }
        for (ReportQueries.Success s : queries.successes(c, from, to, station)) {
            long[] m = months.get(s.occurredAt()
                    .atZoneSameInstant(BusinessTime.PLATFORM_ZONE)
                    .toLocalDate()
                    .toString()
                    .substring(0, 7));
            if (m != null) {
                m[0]++;
                m[1] += s.retained() ? 1 : 0;
            }
        }
        return months.entrySet().stream()
                .map(e -> new MonthCount(e.getKey(), e.getValue()[0], e.getValue()[1]))
                .toList();
    }

    public RetentionChange retentionChange(Connection c, LocalDate from, LocalDate to, String station)
            throws SQLException {
        ReportQueries.Retention a = queries.retention(c, from, station);
        ReportQueries.Retention b = queries.retention(c, to, station);
        Map<String, BigDecimal> change = new LinkedHashMap<>();
        change.put("inStation", Figures.changePercent(b.inStation(), a.inStation()));
        change.put("retained10Days", Figures.changePercent(b.retained10Days(), a.retained10Days()));
        change.put("retained3Months", Figures.changePercent(b.retained3Months(), a.retained3Months()));
        change.put(
                "unidentifiedRetained3Months",
                Figures.changePercent(b.unidentifiedRetained3Months(), a.unidentifiedRetained3Months()));
        return new RetentionChange(a, b, change);
    }

    public FamilySearch familySearch(Connection c, LocalDate from, LocalDate to, String station) throws SQLException {
        List<ReportQueries.Success> now = queries.successes(c, from, to, station);
        List<ReportQueries.Success> before = queries.successes(c, from.minusYears(1), to.minusYears(1), station);
        long total = now.size();
        long retained = now.stream().filter(ReportQueries.Success::retained).count();
        long retainedBefore =
                before.stream().filter(ReportQueries.Success::retained).count();
        Map<LeadChannel, Long> byChannel = now.stream()
                .collect(Collectors.groupingBy(s -> LeadChannel.valueOf(s.channel()), Collectors.counting()));

        List<CategoryShare> categories = Arrays.stream(LeadChannel.Category.values())
                .map(cat -> {
                    long n = sum(byChannel, ch -> ch.category == cat);
                    return new CategoryShare(cat.name(), cat.label, n, Figures.share(n, total));
                })
                .toList();
        List<GroupShare> groups = Arrays.stream(LeadChannel.Group.values())
                .map(g -> {
                    long n = sum(byChannel, ch -> ch.group == g);
                    return new GroupShare(g.name(), groupLabel(g), n, Figures.share(n, total));
                })
                .toList();
        List<ChannelShare> channels = Arrays.stream(LeadChannel.values())
                .map(ch -> {
                    long n = byChannel.getOrDefault(ch, 0L);
                    return new ChannelShare(ch.name(), channelLabel(ch), n, Figures.share(n, total));
                })
                .toList();
        Map<String, String> names = queries.partnerNames(c);
        List<PartnerShare> partners = now.stream()
                .filter(s -> s.partnerId() != null)
                .collect(Collectors.groupingBy(ReportQueries.Success::partnerId, Collectors.counting()))
                .entrySet()
                .stream()
                .map(e -> new PartnerShare(
                        e.getKey(),
                        names.getOrDefault(e.getKey(), e.getKey()),
                        e.getValue(),
                        Figures.share(e.getValue(), total)))
                .sorted(Comparator.comparing(PartnerShare::count).reversed().thenComparing(PartnerShare::partnerId))
                .toList();
        List<ChannelCount> first = now.stream()
                .filter(s -> s.firstLeadChannel() != null)
                .collect(Collectors.groupingBy(ReportQueries.Success::firstLeadChannel, Collectors.counting()))
                .entrySet()
                .stream()
                .map(e -> new ChannelCount(e.getKey(), e.getValue()))
                .sorted(Comparator.comparing(ChannelCount::count).reversed().thenComparing(ChannelCount::channel))
                .toList();
        return new FamilySearch(
                from,
                to,
                total,
                retained,
                Figures.monthlyAverage(retained, from, to),
                new YearBefore(before.size(), retainedBefore),
                Figures.changePercent(retained, retainedBefore),
                categories,
                groups,
                channels,
                partners,
                first);
    }

    public Notices notices(Connection c, LocalDate from, LocalDate to, String station) throws SQLException {
        long now = queries.firstNotices(c, from, to, station).size();
        long before = queries.firstNotices(c, from.minusYears(1), to.minusYears(1), station)
                .size();
        return new Notices(
                from, to, now, Figures.monthlyAverage(now, from, to), before, Figures.changePercent(now, before));
    }

    public Outreach outreach(
            Connection c,
            LocalDate from,
            LocalDate to,
            ProgramKind kind,
            String partnerId,
            UUID programId,
            String station)
            throws SQLException {
        ReportQueries.StreetCounts now = queries.outreach(c, from, to, kind, partnerId, programId, station);
        ReportQueries.StreetCounts before =
                queries.outreach(c, from.minusYears(1), to.minusYears(1), kind, partnerId, programId, station);
        return new Outreach(
                from,
                to,
                kind == null ? null : kind.name(),
                partnerId,
                programId,
                now.identified(),
                now.rescued(),
                new OutreachYearBefore(before.identified(), before.rescued()),
                Figures.ratio(now.identified(), before.identified()),
                Figures.ratio(now.rescued(), before.rescued()));
    }

    public Resources resources(Connection c, String station) throws SQLException {
        ReportQueries.StationFigures f = queries.stations(c, station);
        BigDecimal millions = f.population() == null
                ? null
                : BigDecimal.valueOf(f.population()).divide(BigDecimal.valueOf(1_000_000));
        BigDecimal thousandKm2 = f.areaKm2() == null ? null : f.areaKm2().divide(BigDecimal.valueOf(1000));
        return new Resources(
                f.stations(),
                f.population(),
                f.areaKm2(),
                Figures.perUnit(f.stations(), millions),
                Figures.perUnit(f.stations(), thousandKm2));
    }

    public Flow flow(Connection c, LocalDate from, LocalDate to, String station) throws SQLException {
        Flow before = flowOnly(c, from.minusYears(1), to.minusYears(1), station, null);
        return flowOnly(c, from, to, station, before);
    }

    private Flow flowOnly(Connection c, LocalDate from, LocalDate to, String station, Flow before) throws SQLException {
        List<ReportQueries.FlowMember> in = queries.admissions(c, from, to, station);
        List<ReportQueries.FlowMember> out = queries.exits(c, from, to, station);
        Map<String, Long> channels = in.stream()
                .collect(Collectors.groupingBy(ReportQueries.FlowMember::arrivalChannel, Collectors.counting()));
        Map<String, Long> types =
                out.stream().collect(Collectors.groupingBy(ReportQueries.FlowMember::exitType, Collectors.counting()));
        List<Count> byChannel = Arrays.stream(ArrivalChannel.values())
                .map(ch -> new Count(ch.name(), channels.getOrDefault(ch.name(), 0L)))
                .toList();
        List<Count> byType = Arrays.stream(ExitType.values())
                .map(t -> new Count(t.name(), types.getOrDefault(t.name(), 0L)))
                .toList();
        long placements = types.getOrDefault(ExitType.PLACED_IN_CARE.name(), 0L);
        long days = ChronoUnit.DAYS.between(from, to);
        long personDays = queries.personDays(c, from, to, station);
        ZoneId zone = BusinessTime.PLATFORM_ZONE;
        List<Long> lengths = new ArrayList<>();
        long past10 = 0;
        long past3 = 0;
        for (ReportQueries.FlowMember m : out) {
            var admitted = m.admittedAt().atZoneSameInstant(zone);
            var discharged = m.dischargedAt().atZoneSameInstant(zone);
            lengths.add(ChronoUnit.DAYS.between(admitted.toLocalDate(), discharged.toLocalDate()));
            past10 += stayedPast10Days(m) ? 1 : 0;
            past3 += stayedPast3Months(m) ? 1 : 0;
        }
        return new Flow(
                from,
                to,
                in.size(),
                byChannel,
                out.size(),
                byType,
                placements,
                Figures.share(placements, out.size()),
                personDays,
                Figures.divide(personDays, days, 1),
                Figures.divide(out.size() * days, personDays, 2),
                new LengthOfStay(Figures.median(lengths), past10, past3),
                queries.inEntrustedCare(c, to, station).size(),
                queries.inHospital(c, to, station).size(),
                before);
    }

    /** An exit after 10 days or more in the station (docs/definitions.md): the figure and its drill-down both ask here. */
    static boolean stayedPast10Days(ReportQueries.FlowMember exit) {
        return !exit.admittedAt()
                .isAfter(exit.dischargedAt()
                        .atZoneSameInstant(BusinessTime.PLATFORM_ZONE)
                        .minusDays(10)
                        .toOffsetDateTime());
    }

    /** An exit after 3 months or more in the station, counted in the platform's calendar. */
    static boolean stayedPast3Months(ReportQueries.FlowMember exit) {
        return !exit.admittedAt()
                .isAfter(exit.dischargedAt()
                        .atZoneSameInstant(BusinessTime.PLATFORM_ZONE)
                        .minusMonths(3)
                        .toOffsetDateTime());
    }

    private static long sum(Map<LeadChannel, Long> counts, Function<LeadChannel, Boolean> which) {
        return counts.entrySet().stream()
                .filter(e -> which.apply(e.getKey()))
                .mapToLong(Map.Entry::getValue)
                .sum();
    }

    public static String groupLabel(LeadChannel.Group group) {
        return switch (group) {
            case POLICE -> "公安部门";
            case OTHER_AGENCY -> "其他部门和机构";
            case PARTNER -> "社会力量";
        };
    }

    public static String channelLabel(LeadChannel channel) {
        return switch (channel) {
            case STAFF_INQUIRY -> "站内问询";
            case POLICE_FACE_RECOGNITION -> "人脸识别";
            case POLICE_DNA -> "DNA比对";
            case POLICE_POPULATION_REGISTRY -> "人口信息查询";
            case NATIONAL_NETWORK -> "全国救助寻亲网";
            case OTHER_STATION -> "异地救助管理机构";
            case HOSPITAL_STAFF -> "医护人员";
            case MEDIA_NOTICE -> "媒体寻亲公告";
            case PARTNER -> "社会力量";
        };
    }
}
