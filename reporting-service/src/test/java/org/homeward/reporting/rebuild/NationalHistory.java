package org.homeward.reporting.rebuild;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.function.Consumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.homeward.events.Topics;
import org.homeward.events.intake.ArrivalChannel;
import org.homeward.events.intake.ExitType;
import org.homeward.events.intake.FragmentKind;
import org.homeward.events.intake.FragmentSource;
import org.homeward.events.intake.PersonEvent.IdentityConfirmed;
import org.homeward.events.intake.PersonEvent.IdentityFragmentRecorded;
import org.homeward.events.intake.PersonEvent.PersonRegistered;
import org.homeward.events.intake.RiskFlag;
import org.homeward.events.intake.RiskFlagEvent.RiskFlagSet;
import org.homeward.events.intake.Sex;
import org.homeward.events.intake.StationEvent.StationRegistered;
import org.homeward.events.intake.StayEvent.EntrustedCareEnded;
import org.homeward.events.intake.StayEvent.EntrustedCareStarted;
import org.homeward.events.intake.StayEvent.HospitalisationEnded;
import org.homeward.events.intake.StayEvent.HospitalisationStarted;
import org.homeward.events.intake.StayEvent.PersonAdmitted;
import org.homeward.events.intake.StayEvent.PersonDischarged;
import org.homeward.events.outreach.OutreachService;
import org.homeward.events.outreach.ProgramEvent.PatrolConducted;
import org.homeward.events.outreach.ProgramEvent.ProgramStarted;
import org.homeward.events.outreach.ProgramKind;
import org.homeward.events.outreach.StreetCaseEvent.ContactMade;
import org.homeward.events.outreach.StreetCaseEvent.OutcomeRecorded;
import org.homeward.events.outreach.StreetCaseEvent.StreetCaseIdentified;
import org.homeward.events.outreach.StreetCaseEvent.StreetCaseOpened;
import org.homeward.events.outreach.StreetOutcome;
import org.homeward.events.search.ClosureReason;
import org.homeward.events.search.LeadChannel;
import org.homeward.events.search.NoticeMedium;
import org.homeward.events.search.OpeningReason;
import org.homeward.events.search.PartnerEvent.PartnerRegistered;
import org.homeward.events.search.PartnerKind;
import org.homeward.events.search.SearchCaseEvent.FamilyFound;
import org.homeward.events.search.SearchCaseEvent.LeadRecorded;
import org.homeward.events.search.SearchCaseEvent.NoticePublished;
import org.homeward.events.search.SearchCaseEvent.SearchCaseClosed;
import org.homeward.events.search.SearchCaseEvent.SearchCaseOpened;

/**
 * A seeded national history, as the services publish it (the events of {@link SyntheticHistory}'s records, on
 * the three topics): {@code stations} stations in provinces of 100 ({@code p07-s0712} is station 712 of
 * province 7), stays spread over ten years (2016–2025) and over stations of very different sizes (a few
 * large cities take most), each stay with what follows it: a person registered (about one in seven
 * returning from an earlier stay at the same station), identity fragments, a search case with notices
 * and leads, the family found for most, hospital and entrusted-care episodes, risk flags, and a
 * discharge after a few days, a few months or years (some stays are still open at the end). Outreach
 * programmes of the stations' social workers and hospital posts meet people on the street: contacts,
 * identifications, outcomes, patrols. One event in twenty is recorded late (a day to four months
 * after it happened), as back-dated records are. About ten events per stay.
 */
final class NationalHistory {
    static final OffsetDateTime START = OffsetDateTime.of(2016, 1, 1, 0, 0, 0, 0, ZoneOffset.ofHours(8));
    static final OffsetDateTime END = START.plusYears(10);
    private static final long MINUTES = Duration.between(START, END).toMinutes();

    private final Random random;
    private final SyntheticHistory events;
    private final List<String> stations = new ArrayList<>();
    private final double[] cumulativeWeight;
    /** Per station, people who were there before and may come back once their last stay has ended. */
    private final List<List<Returning>> returning = new ArrayList<>();

    private final List<String> partners = new ArrayList<>();
    private final List<List<UUID>> programs = new ArrayList<>();

    NationalHistory(long seed, String prefix, Consumer<ProducerRecord<String, String>> sink, int stationCount) {
        this.random = new Random(seed);
        this.events = new SyntheticHistory(random, prefix, sink);
        this.cumulativeWeight = new double[stationCount];
        double total = 0;
        for (int s = 0; s < stationCount; s++) {
            total += Math.exp(1.1 * random.nextGaussian()); // log-normal sizes: a few big cities, many small towns
            cumulativeWeight[s] = total;
        }
        for (int s = 0; s < stationCount; s++) {
            cumulativeWeight[s] /= total;
        }
    }

    private record Returning(UUID person, OffsetDateTime free) {}

    /** Station id of station {@code s}: province {@code s / 100}. */
    static String stationId(int s) {
        return String.format("p%02d-s%04d", s / 100, s);
    }

    /** Writes the whole history; returns the number of stays. */
    long generate(long stays) {
        for (int s = 0; s < cumulativeWeight.length; s++) {
            String id = stationId(s);
            stations.add(id);
            returning.add(new ArrayList<>());
            events.add(
                    Topics.INTAKE,
                    "station",
                    id,
                    new StationRegistered(id, "救助管理站" + s, 200_000L + 1_000L * s, BigDecimal.valueOf(300 + s)),
                    START,
                    START);
        }
        for (int p = 0; p < 200; p++) {
            String partner = "partner-" + p;
            partners.add(partner);
            events.add(
                    Topics.SEARCH,
                    "partner",
                    partner,
                    new PartnerRegistered(partner, "志愿者团队" + p, PartnerKind.values()[p % PartnerKind.values().length]),
                    START,
                    START);
        }
        for (int s = 0; s < stations.size(); s++) {
            List<UUID> own = new ArrayList<>();
            programs.add(own);
            if (random.nextInt(3) == 0) { // a third of the stations run outreach
                own.add(program(s, ProgramKind.SOCIAL_WORK_PROJECT, "社工服务项目", null));
                if (random.nextBoolean()) {
                    own.add(program(s, ProgramKind.HOSPITAL_POST, "医院救助站点", null));
                }
                if (random.nextBoolean()) {
                    own.add(program(
                            s, ProgramKind.PARTNER_TEAM, "志愿者街面巡查", partners.get(random.nextInt(partners.size()))));
                }
            }
        }
        long[] admissions = new long[Math.toIntExact(stays)]; // in time order, so a person comes back after leaving
        for (int i = 0; i < admissions.length; i++) {
            admissions[i] = (long) (random.nextDouble() * MINUTES);
        }
        Arrays.sort(admissions);
        for (int i = 0; i < admissions.length; i++) {
            stay(i, START.plusMinutes(admissions[i]));
            if (i % 10 == 0) { // one street case for every ten stays, at a station that runs outreach
                streetCase();
            }
        }
        return stays;
    }

    private UUID program(int station, ProgramKind kind, String name, String partner) {
        UUID id = events.uuid();
        OffsetDateTime at = START.plusDays(random.nextInt(3 * 365));
        events.add(
                Topics.OUTREACH,
                "program",
                id.toString(),
                new ProgramStarted(id, name, kind, stations.get(station), partner),
                at,
                at.plusHours(1));
        return id;
    }

    private int station() {
        int i = Arrays.binarySearch(cumulativeWeight, random.nextDouble());
        return Math.min(i < 0 ? -i - 1 : i, cumulativeWeight.length - 1);
    }

    private OffsetDateTime recorded(OffsetDateTime at) { // one in twenty recorded a day to four months late
        return random.nextInt(20) == 0 ? at.plusDays(1 + random.nextInt(120)) : at.plusMinutes(5 + random.nextInt(55));
    }

    private void stay(long i, OffsetDateTime admitted) {
        int s = station();
        String station = stations.get(s);
        List<Returning> earlier = returning.get(s);
        int earlierIndex = earlier.isEmpty() || random.nextInt(7) != 0 ? -1 : random.nextInt(earlier.size());
        boolean returns = earlierIndex >= 0 && earlier.get(earlierIndex).free().isBefore(admitted);
        UUID person = returns ? earlier.get(earlierIndex).person() : events.uuid();
        String p = person.toString();
        if (!returns) {
            events.add(
                    Topics.INTAKE,
                    "person",
                    p,
                    new PersonRegistered(
                            person,
                            random.nextInt(3) == 0 ? "名" + i : null,
                            Sex.values()[random.nextInt(3)],
                            8 + random.nextInt(80),
                            false,
                            null,
                            null),
                    admitted,
                    recorded(admitted));
        }
        UUID stay = events.uuid();
        String st = stay.toString();
        events.add(
                Topics.INTAKE,
                "stay",
                st,
                new PersonAdmitted(
                        stay,
                        person,
                        station,
                        ArrivalChannel.values()[random.nextInt(ArrivalChannel.values().length)],
                        null,
                        false),
                admitted,
                recorded(admitted));
        OffsetDateTime leaves = admitted.plusMinutes(lengthOfStayMinutes());
        Returning next = new Returning(person, leaves);
        if (returns) {
            earlier.set(earlierIndex, next);
        } else if (earlier.size() < 50) {
            earlier.add(next);
        } else {
            events.forget(
                    "person", earlier.set(random.nextInt(50), next).person().toString());
        }
        OffsetDateTime at = admitted.plusHours(1 + random.nextInt(48));
        for (int f = random.nextInt(4); f > 0; f--) {
            events.add(
                    Topics.INTAKE,
                    "person",
                    p,
                    new IdentityFragmentRecorded(
                            person,
                            events.uuid(),
                            FragmentKind.values()[random.nextInt(FragmentKind.values().length)],
                            "线索" + f,
                            FragmentSource.values()[random.nextInt(FragmentSource.values().length)],
                            "staff-" + s),
                    at,
                    recorded(at));
        }
        if (random.nextInt(12) == 0 && at.isBefore(leaves)) {
            UUID h = events.uuid();
            events.add(Topics.INTAKE, "stay", st, new HospitalisationStarted(stay, h, "医院"), at, recorded(at));
            OffsetDateTime back = min(at.plusDays(1 + random.nextInt(20)), leaves);
            events.add(Topics.INTAKE, "stay", st, new HospitalisationEnded(stay, h), back, recorded(back));
        }
        if (random.nextInt(20) == 0 && at.isBefore(leaves)) {
            UUID care = events.uuid();
            events.add(Topics.INTAKE, "stay", st, new EntrustedCareStarted(stay, care, "托养机构"), at, recorded(at));
            OffsetDateTime ended = min(at.plusDays(30 + random.nextInt(300)), leaves);
            events.add(Topics.INTAKE, "stay", st, new EntrustedCareEnded(stay, care), ended, recorded(ended));
        }
        if (random.nextInt(10) == 0) {
            events.add(
                    Topics.INTAKE,
                    "person",
                    p,
                    new RiskFlagSet(person, RiskFlag.values()[random.nextInt(3)], "观察"),
                    at,
                    recorded(at));
        }
        boolean found = false;
        if (random.nextInt(5) < 3) { // unidentified at admission: a search case
            UUID searchCase = events.uuid();
            String c = searchCase.toString();
            events.add(
                    Topics.SEARCH,
                    "search-case",
                    c,
                    new SearchCaseOpened(searchCase, person, OpeningReason.UNIDENTIFIED_ADMISSION, stay),
                    admitted,
                    recorded(admitted));
            OffsetDateTime noticed = admitted.plusDays(1 + random.nextInt(5));
            if (random.nextBoolean() && noticed.isBefore(leaves)) {
                events.add(
                        Topics.SEARCH,
                        "search-case",
                        c,
                        new NoticePublished(
                                searchCase,
                                person,
                                events.uuid(),
                                NoticeMedium.values()[random.nextInt(NoticeMedium.values().length)]),
                        noticed,
                        recorded(noticed));
            }
            LeadChannel first = null;
            if (random.nextInt(5) < 2) {
                first = LeadChannel.values()[random.nextInt(LeadChannel.values().length)];
                OffsetDateTime lead = admitted.plusHours(2 + random.nextInt(72));
                events.add(
                        Topics.SEARCH,
                        "search-case",
                        c,
                        new LeadRecorded(
                                searchCase,
                                person,
                                events.uuid(),
                                first,
                                first == LeadChannel.PARTNER ? partners.get(random.nextInt(partners.size())) : null,
                                "线索",
                                "staff-" + s),
                        lead,
                        recorded(lead));
            }
            OffsetDateTime foundAt = leaves.minusHours(2);
            found = random.nextInt(10) < 7 && foundAt.isBefore(END) && foundAt.isAfter(admitted);
            if (found) {
                events.add(
                        Topics.INTAKE,
                        "person",
                        p,
                        new IdentityConfirmed(person, "王" + i, "湖南邵阳"),
                        foundAt,
                        recorded(foundAt));
                LeadChannel channel = LeadChannel.values()[random.nextInt(LeadChannel.values().length)];
                events.add(
                        Topics.SEARCH,
                        "search-case",
                        c,
                        new FamilyFound(
                                searchCase,
                                person,
                                events.uuid(),
                                channel,
                                channel == LeadChannel.PARTNER ? partners.get(random.nextInt(partners.size())) : null,
                                first,
                                "staff-" + s,
                                null),
                        foundAt,
                        recorded(foundAt));
            }
            if (leaves.isBefore(END)) {
                events.add(
                        Topics.SEARCH,
                        "search-case",
                        c,
                        new SearchCaseClosed(searchCase, person, ClosureReason.PERSON_DISCHARGED),
                        leaves,
                        recorded(leaves));
            }
            events.forget("search-case", c);
        }
        if (leaves.isBefore(END)) { // else still in the station at the end of the history
            ExitType exit = found
                    ? ExitType.FAMILY_PICKUP
                    : ExitType.values()[1 + random.nextInt(ExitType.values().length - 1)];
            events.add(
                    Topics.INTAKE,
                    "stay",
                    st,
                    new PersonDischarged(stay, person, station, exit),
                    leaves,
                    recorded(leaves));
        }
        events.forget("stay", st);
    }

    /** Most stays last days; some months; a few years (long-term residents). */
    private long lengthOfStayMinutes() {
        int r = random.nextInt(100);
        long days = r < 72
                ? 1 + random.nextInt(10)
                : r < 92 ? 10 + random.nextInt(80) : r < 99 ? 90 + random.nextInt(640) : 730 + random.nextInt(2500);
        return days * 24 * 60 + random.nextInt(24 * 60);
    }

    private void streetCase() {
        int s = station();
        List<UUID> own = programs.get(s);
        if (own.isEmpty()) {
            return;
        }
        UUID program = own.get(random.nextInt(own.size()));
        UUID id = events.uuid();
        String c = id.toString();
        OffsetDateTime at = START.plusYears(3).plusMinutes((long) (random.nextDouble() * (MINUTES * 7 / 10)));
        events.add(
                Topics.OUTREACH, "street-case", c, new StreetCaseOpened(id, program, "桥洞", "街面发现"), at, recorded(at));
        UUID patrol = events.uuid();
        events.add(
                Topics.OUTREACH,
                "program",
                program.toString(),
                new PatrolConducted(
                        program,
                        patrol,
                        random.nextInt(4) == 0 ? "寒冬送温暖" : null,
                        "城区",
                        1 + random.nextInt(3),
                        1 + random.nextInt(20)),
                at,
                recorded(at));
        for (int k = 1 + random.nextInt(3); k > 0; k--) {
            OffsetDateTime contact = at.plusDays(random.nextInt(30));
            events.add(
                    Topics.OUTREACH,
                    "street-case",
                    c,
                    new ContactMade(
                            id,
                            program,
                            events.uuid(),
                            List.of(OutreachService.values()[random.nextInt(OutreachService.values().length)]),
                            BigDecimal.valueOf(random.nextInt(200)),
                            patrol,
                            "social-worker"),
                    contact,
                    recorded(contact));
        }
        if (random.nextBoolean()) {
            OffsetDateTime identified = at.plusDays(random.nextInt(40));
            events.add(
                    Topics.OUTREACH,
                    "street-case",
                    c,
                    new StreetCaseIdentified(id, program, "李" + c.substring(0, 4), "河南周口"),
                    identified,
                    recorded(identified));
            OffsetDateTime outcome = identified.plusDays(random.nextInt(30));
            StreetOutcome o = random.nextInt(3) == 0
                    ? StreetOutcome.LOST_CONTACT
                    : random.nextBoolean() ? StreetOutcome.REUNITED : StreetOutcome.REINTEGRATED;
            events.add(
                    Topics.OUTREACH,
                    "street-case",
                    c,
                    new OutcomeRecorded(id, program, o, null, null, null),
                    outcome,
                    recorded(outcome));
        }
        events.forget("street-case", c);
    }

    private static OffsetDateTime min(OffsetDateTime a, OffsetDateTime b) {
        return a.isBefore(b) ? a : b;
    }
}
