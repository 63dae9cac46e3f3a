package org.homeward.acceptance;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.function.IntFunction;

/**
 * Builds, through the public REST API only, a 2017–2018 history of one station from which the
 * reporting service yields the figures of Dongguan's 2018 report (SPEC §5). Each cohort below is
 * a group of people whose path through the station produces part of those figures.
 */
public final class Dongguan2018Scenario {
    public static final String STATION = "dongguan";
    private static final ZoneOffset CST = ZoneOffset.ofHours(8);

    enum Cohort {
        /** Unidentified, admitted early 2017, still in the station at the end of 2018: 94. */
        LONG_TERM_UNIDENTIFIED(94),
        /** Identified on admission in 2017, still in the station at the end of 2018: 16. */
        LONG_TERM_IDENTIFIED(16),
        /** Unidentified, admitted early 2017, family found in 2018 (retained successes): 81. */
        FOUND_2018_FROM_2017(81),
        /** Identified, admitted in 2017, escorted home in 2018: 7. */
        ESCORTED_2018(7),
        /** Unidentified, admitted Nov–Dec 2017, family found in 2018 (retained successes): 44. */
        FOUND_2018_FROM_LATE_2017(44),
        /** Unidentified, admitted Oct–Dec 2018, still in the station at the end of 2018: 34. */
        NEW_UNIDENTIFIED_LATE_2018(34),
        /** Unidentified, admitted in 2018, family found 20 days later (retained successes): 53. */
        FOUND_2018_AFTER_20_DAYS(53),
        /** Unidentified, admitted in 2018, family found within two days (not retained): 92. */
        FOUND_2018_WITHIN_2_DAYS(92),
        /** Unidentified, admitted in 2017, family found 30 days later (the 2017 comparison): 129. */
        FOUND_2017(129);

        final int size;

        Cohort(int size) {
            this.size = size;
        }
    }

    static final class Person {
        final Cohort cohort;
        final OffsetDateTime admittedAt;
        String personId;
        String stayId;
        String caseId;
        OffsetDateTime successAt;
        String channel;
        String partnerId;
        boolean rejectedLeadFirst;
        final List<OffsetDateTime> notices = new ArrayList<>();

        Person(Cohort cohort, OffsetDateTime admittedAt) {
            this.cohort = cohort;
            this.admittedAt = admittedAt;
        }

        boolean identified() {
            return cohort == Cohort.LONG_TERM_IDENTIFIED || cohort == Cohort.ESCORTED_2018;
        }
    }

    private final HomewardClient api;
    private final Random random = new Random(2018);
    private final ExecutorService pool = Executors.newFixedThreadPool(4);

    public Dongguan2018Scenario(HomewardClient api) {
        this.api = api;
    }

    public static void main(String[] args) throws Exception {
        long started = System.nanoTime();
        HomewardClient api = HomewardClient.local();
        if (api.status("intake", "/q/health/ready") != 200) {
            throw new IllegalStateException("intake-service does not answer: ./homeward up first");
        }
        if (api.get("intake", "/api/stations").findValuesAsText("stationId").contains(STATION)) {
            System.out.println("The Dongguan history is already loaded (station " + STATION
                    + " exists); ./homeward clean starts over.");
            return;
        }
        Dongguan2018Scenario scenario = new Dongguan2018Scenario(api);
        Map<String, Integer> counts = scenario.run();
        System.out.printf(
                "Dongguan 2017-2018 scenario loaded in %.1f s: %s%n", (System.nanoTime() - started) / 1e9, counts);
    }

    public Map<String, Integer> run() throws Exception {
        try {
            registerStationAndPartners();
            List<Person> persons = plan();
            inParallel(persons, this::admit);
            inParallel(persons.stream().filter(p -> !p.identified()).toList(), this::awaitSearchCase);
            inParallel(persons, this::followUp);
            Map<String, Integer> counts = new LinkedHashMap<>();
            counts.put("persons", persons.size());
            counts.put("successes", (int)
                    persons.stream().filter(p -> p.successAt != null).count());
            counts.put("streetCases", outreach());
            return counts;
        } finally {
            pool.shutdown();
        }
    }

    private void registerStationAndPartners() {
        api.post(
                "intake",
                "/api/stations",
                Map.of(
                        "stationId",
                        STATION,
                        "name",
                        "东莞市救助管理站",
                        "nonRegisteredPopulation",
                        6_250_000,
                        "areaKm2",
                        2460));
        api.post("search", "/api/partners", Map.of("partnerId", "rangaihuijia", "name", "让爱回家", "kind", "NGO"));
        api.post("search", "/api/partners", Map.of("partnerId", "toutiao", "name", "今日头条", "kind", "MEDIA_PLATFORM"));
        api.post(
                "search",
                "/api/partners",
                Map.of("partnerId", "baobeihuijia", "name", "宝贝回家", "kind", "VOLUNTEER_NETWORK"));
    }

    /** Who comes when, and what happens to them. */
    List<Person> plan() {
        List<Person> all = new ArrayList<>();
        all.addAll(cohort(Cohort.LONG_TERM_UNIDENTIFIED, d(2017, 3, 1), d(2017, 6, 30)));
        all.addAll(cohort(Cohort.LONG_TERM_IDENTIFIED, d(2017, 4, 1), d(2017, 6, 30)));
        List<Person> found2017Early = cohort(Cohort.FOUND_2018_FROM_2017, d(2017, 3, 1), d(2017, 6, 30));
        all.addAll(found2017Early);
        all.addAll(cohort(Cohort.ESCORTED_2018, d(2017, 5, 1), d(2017, 5, 31)));
        List<Person> found2017Late = cohort(Cohort.FOUND_2018_FROM_LATE_2017, d(2017, 11, 5), d(2017, 12, 20));
        all.addAll(found2017Late);
        List<Person> newLate2018 = cohort(Cohort.NEW_UNIDENTIFIED_LATE_2018, d(2018, 10, 5), d(2018, 12, 15));
        all.addAll(newLate2018);
        List<Person> after20 = cohort(Cohort.FOUND_2018_AFTER_20_DAYS, d(2018, 1, 2), d(2018, 11, 20));
        all.addAll(after20);
        List<Person> within2 = cohort(Cohort.FOUND_2018_WITHIN_2_DAYS, d(2018, 1, 3), d(2018, 12, 20));
        all.addAll(within2);
        List<Person> found2017 = cohort(Cohort.FOUND_2017, d(2017, 1, 5), d(2017, 10, 31));
        all.addAll(found2017);

        // Successes of 2018: 178 retained (81 + 44 + 53) and 92 found within two days of admission.
        spreadSuccesses(found2017Early, d(2018, 1, 5), d(2018, 12, 20));
        spreadSuccesses(found2017Late, d(2018, 1, 10), d(2018, 12, 15));
        after20.forEach(p -> p.successAt = p.admittedAt.plusDays(20));
        within2.forEach(p -> p.successAt = p.admittedAt.plusDays(2));
        found2017.forEach(p -> p.successAt = p.admittedAt.plusDays(30));

        // The channel that found each 2018 family (SPEC §5): 109 station, 86 police, 23 other agencies, 52 partners.
        List<String[]> channels = new ArrayList<>();
        add(channels, 109, "STAFF_INQUIRY", null);
        add(channels, 80, "POLICE_FACE_RECOGNITION", null);
        add(channels, 6, "POLICE_DNA", null);
        add(channels, 9, "NATIONAL_NETWORK", null);
        add(channels, 6, "OTHER_STATION", null);
        add(channels, 5, "HOSPITAL_STAFF", null);
        add(channels, 3, "MEDIA_NOTICE", null);
        add(channels, 26, "PARTNER", "rangaihuijia");
        add(channels, 20, "PARTNER", "toutiao");
        add(channels, 6, "PARTNER", "baobeihuijia");
        Collections.shuffle(channels, random);
        List<Person> found2018 = new ArrayList<>();
        found2018.addAll(found2017Early);
        found2018.addAll(found2017Late);
        found2018.addAll(after20);
        found2018.addAll(within2);
        for (int i = 0; i < found2018.size(); i++) {
            found2018.get(i).channel = channels.get(i)[0];
            found2018.get(i).partnerId = channels.get(i)[1];
            found2018.get(i).rejectedLeadFirst = i % 4 == 0;
        }
        for (int i = 0; i < found2017.size(); i++) {
            found2017.get(i).channel = i % 3 == 0 ? "POLICE_FACE_RECOGNITION" : "STAFF_INQUIRY";
        }

        // Persons whose first notice was published in H2 2017: 111; in H2 2018: 56.
        List<Person> longTerm = all.stream()
                .filter(p -> p.cohort == Cohort.LONG_TERM_UNIDENTIFIED)
                .toList();
        List<OffsetDateTime> h2of2017 = spread(111, d(2017, 7, 2), d(2017, 12, 20));
        for (int i = 0; i < 111; i++) {
            (i < longTerm.size() ? longTerm.get(i) : found2017Early.get(i - longTerm.size()))
                    .notices.add(h2of2017.get(i));
        }
        for (int i = 0; i < 10; i++) {
            longTerm.get(i).notices.add(d(2018, 9, 3).plusDays(i)); // repeats: not a first notice
        }
        newLate2018.forEach(p -> p.notices.add(p.admittedAt.plusDays(1)));
        within2.stream()
                .filter(p -> !p.admittedAt.isBefore(d(2018, 7, 1)))
                .limit(22)
                .forEach(p -> p.notices.add(p.admittedAt.plusDays(1).minusHours(1)));
        return all;
    }

    private void admit(Person p) {
        Map<String, Object> person = new LinkedHashMap<>();
        person.put("sex", random(p) % 3 == 0 ? "FEMALE" : "MALE");
        person.put("estimatedAge", 25 + random(p) % 50);
        person.put("identified", p.identified());
        if (p.identified()) {
            person.put("name", "受助人" + random(p));
            person.put("hometown", "广东");
        }
        JsonNode admitted = api.post(
                "intake",
                "/api/admissions",
                Map.of(
                        "person",
                        person,
                        "stationId",
                        STATION,
                        "arrivalChannel",
                        random(p) % 2 == 0 ? "POLICE" : "PUBLIC",
                        "occurredAt",
                        p.admittedAt.toString()));
        p.personId = admitted.get("personId").asText();
        p.stayId = admitted.get("stayId").asText();
    }

    /** search-service opens the case by itself from the admission event; wait until it has. */
    private void awaitSearchCase(Person p) {
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (System.nanoTime() < deadline) {
            JsonNode cases = api.get("search", "/api/search-cases?personId=" + p.personId);
            if (cases.size() > 0) {
                p.caseId = cases.get(0).get("caseId").asText();
                return;
            }
            sleep(100);
        }
        throw new IllegalStateException("No search case was opened for person " + p.personId);
    }

    private void followUp(Person p) {
        for (OffsetDateTime notice : p.notices) {
            api.post(
                    "search",
                    "/api/search-cases/" + p.caseId + "/notices",
                    Map.of(
                            "medium",
                            notice.getMonthValue() % 2 == 0 ? "TV" : "NATIONAL_NETWORK",
                            "occurredAt",
                            notice.toString()));
        }
        if (p.successAt != null) {
            if (p.rejectedLeadFirst) {
                String rejected = lead(
                        p, "NATIONAL_NETWORK", null, p.successAt.minusDays(1).minusHours(2));
                verify(p, rejected, "REJECTED", p.successAt.minusDays(1).minusHours(1));
            }
            String lead = lead(p, p.channel, p.partnerId, p.successAt.minusDays(1));
            verify(p, lead, "CONFIRMED", p.successAt.minusHours(12));
            Map<String, Object> success = new LinkedHashMap<>();
            success.put("leadId", lead);
            success.put(
                    "creditedUnit", p.channel.startsWith("POLICE") ? "公安机关" : p.partnerId != null ? "社会力量" : "寻亲服务组");
            success.put("occurredAt", p.successAt.toString());
            api.post("search", "/api/search-cases/" + p.caseId + "/success", success);
            int daysToPickup = p.cohort == Cohort.FOUND_2017 || p.cohort == Cohort.FOUND_2018_WITHIN_2_DAYS ? 1 : 2;
            discharge(p, "FAMILY_PICKUP", p.successAt.plusDays(daysToPickup));
        } else if (p.cohort == Cohort.ESCORTED_2018) {
            discharge(p, "ESCORTED_HOME", d(2018, 2, 1).plusDays(20L * (random(p) % 7)));
        }
    }

    private String lead(Person p, String channel, String partnerId, OffsetDateTime at) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("channel", channel);
        if (partnerId != null) {
            body.put("partnerId", partnerId);
        }
        body.put("summary", "线索：" + channel);
        body.put("occurredAt", at.toString());
        return api.post("search", "/api/search-cases/" + p.caseId + "/leads", body)
                .get("leadId")
                .asText();
    }

    private void verify(Person p, String lead, String outcome, OffsetDateTime at) {
        api.post(
                "search",
                "/api/search-cases/" + p.caseId + "/leads/" + lead + "/verification",
                Map.of("outcome", outcome, "contacted", List.of("乡镇政府", "派出所", "村委会"), "occurredAt", at.toString()));
    }

    private void discharge(Person p, String exit, OffsetDateTime at) {
        Map<String, Object> body = new LinkedHashMap<>(Map.of("exitType", exit, "occurredAt", at.toString()));
        if (exit.equals("FAMILY_PICKUP")) { // the exit details staff record
            body.put("pickedUpBy", "家属");
            body.put("relation", "亲属");
        } else {
            body.put("destination", "户籍地");
            body.put("transport", "火车");
            body.put("escortStaff", "救助站工作人员");
        }
        api.post("intake", "/api/stays/" + p.stayId + "/discharge", body);
    }

    /** Outreach in 2017 and 2018: social work, the hospital post, the partner team, patrols. Returns the cases opened. */
    private int outreach() throws Exception {
        String socialWork = program("帮扶救助流浪人员服务项目", "SOCIAL_WORK_PROJECT", null);
        String hospital = program("驻市精神卫生中心工作点", "HOSPITAL_POST", null);
        String team = program("让爱回家街面救助志愿服务队", "PARTNER_TEAM", "rangaihuijia");
        String patrols = program("站外救助巡查", "STAFF_PATROL", null);
        String patrol = api.post(
                        "outreach",
                        "/api/programs/" + patrols + "/patrols",
                        Map.of(
                                "campaign",
                                "寒冬送温暖",
                                "area",
                                "全市各镇街",
                                "teams",
                                12,
                                "peopleMet",
                                87,
                                "occurredAt",
                                d(2018, 1, 15).toString()))
                .get("patrolId")
                .asText();
        api.post(
                "outreach",
                "/api/partners/rangaihuijia/volunteer-visits",
                Map.of(
                        "visits",
                        898,
                        "purpose",
                        "到站开展身份问询",
                        "occurredAt",
                        d(2018, 12, 31).toString()));
        socialParticipation();

        List<Runnable> cases = new ArrayList<>();
        // Social work, H2 2017: 28 identified, 8 rescued. H1 2018: 12 more (outside the compared half-years).
        streetCases(
                cases,
                socialWork,
                spread(28, d(2017, 7, 1), d(2017, 12, 10)),
                2,
                i -> i < 8 ? "REUNITED" : i < 14 ? "LOST_CONTACT" : null,
                10,
                null);
        streetCases(cases, socialWork, spread(12, d(2018, 2, 1), d(2018, 5, 31)), 2, i -> "REINTEGRATED", 10, null);
        // Social work, H2 2018: 119 identified, 83 rescued (60 reunited, 23 back in society).
        streetCases(
                cases,
                socialWork,
                spread(119, d(2018, 7, 1), d(2018, 12, 1)),
                3,
                i -> i < 60 ? "REUNITED" : i < 83 ? "REINTEGRATED" : null,
                12,
                null);
        // Hospital post, Q4 2018: 68 identified, 43 picked up from hospital by relatives.
        streetCases(
                cases,
                hospital,
                spread(68, d(2018, 10, 2), d(2018, 12, 10)),
                2,
                i -> i < 43 ? "REUNITED" : null,
                7,
                null);
        // The partner team: 73 rescued in 2017, 481 in 2018; one patrol's contacts too.
        streetCases(
                cases,
                team,
                spread(73, d(2017, 1, 3), d(2017, 12, 15)),
                -1,
                i -> i % 5 == 0 ? "REINTEGRATED" : "REUNITED",
                5,
                null);
        streetCases(
                cases,
                team,
                spread(481, d(2018, 1, 2), d(2018, 12, 20)),
                -1,
                i -> i % 5 == 0 ? "REINTEGRATED" : "REUNITED",
                5,
                null);
        streetCases(cases, patrols, spread(6, d(2018, 1, 15), d(2018, 1, 15)), -1, i -> null, 0, patrol);
        List<Future<?>> running = new ArrayList<>();
        cases.forEach(c -> running.add(pool.submit(c)));
        for (Future<?> f : running) {
            f.get();
        }
        referral(socialWork);
        return cases.size() + 1;
    }

    /** A person brought to the station by the social workers: the referral becomes an admission. */
    private void referral(String socialWork) {
        String caseId = api.post(
                        "outreach",
                        "/api/street-cases",
                        Map.of(
                                "programId",
                                socialWork,
                                "location",
                                "东城汽车站",
                                "occurredAt",
                                d(2018, 12, 20).toString()))
                .get("caseId")
                .asText();
        String referral = api.post(
                        "outreach",
                        "/api/street-cases/" + caseId + "/outcome",
                        Map.of(
                                "outcome",
                                "ADMITTED_TO_STATION",
                                "occurredAt",
                                d(2018, 12, 27).toString()))
                .get("referralId")
                .asText();
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (System.nanoTime() < deadline) {
            JsonNode pending = api.get("intake", "/api/referrals?pending=true");
            for (JsonNode r : pending) {
                if (r.get("referralId").asText().equals(referral)) {
                    api.post(
                            "intake",
                            "/api/admissions",
                            Map.of(
                                    "person",
                                    Map.of("sex", "MALE", "identified", false),
                                    "stationId",
                                    STATION,
                                    "referralId",
                                    referral,
                                    "occurredAt",
                                    d(2018, 12, 28).toString()));
                    return;
                }
            }
            sleep(100);
        }
        throw new IllegalStateException("Referral " + referral + " never reached intake");
    }

    private void streetCases(
            List<Runnable> into,
            String program,
            List<OffsetDateTime> opened,
            int identifyAfterDays,
            IntFunction<String> outcome,
            int outcomeAfterDays,
            String patrol) {
        for (int i = 0; i < opened.size(); i++) {
            int index = i;
            OffsetDateTime at = opened.get(i);
            into.add(() -> {
                String caseId = api.post(
                                "outreach",
                                "/api/street-cases",
                                Map.of(
                                        "programId",
                                        program,
                                        "location",
                                        "街面" + (index % 30 + 1) + "号点",
                                        "occurredAt",
                                        at.toString()))
                        .get("caseId")
                        .asText();
                Map<String, Object> contact = new LinkedHashMap<>();
                contact.put(
                        "services",
                        index % 2 == 0 ? List.of("POLICY_INFO", "SUPPLIES") : List.of("PERSUASION", "COUNSELING"));
                contact.put("suppliesValue", index % 2 == 0 ? 50 : 0);
                if (patrol != null) {
                    contact.put("patrolId", patrol);
                }
                contact.put("occurredAt", at.plusHours(1).toString());
                api.post("outreach", "/api/street-cases/" + caseId + "/contacts", contact);
                if (identifyAfterDays >= 0) {
                    api.post(
                            "outreach",
                            "/api/street-cases/" + caseId + "/identification",
                            Map.of(
                                    "name",
                                    "街面人员" + index,
                                    "hometown",
                                    "湖南",
                                    "occurredAt",
                                    at.plusDays(identifyAfterDays).toString()));
                }
                String result = outcome.apply(index);
                if (result != null) {
                    api.post(
                            "outreach",
                            "/api/street-cases/" + caseId + "/outcome",
                            Map.of(
                                    "outcome",
                                    result,
                                    "occurredAt",
                                    at.plusDays(outcomeAfterDays).plusHours(2).toString()));
                }
            });
        }
    }

    /**
     * Section 三 of the report: the 2018 cooperation agreement with 让爱回家, its capacity at the end of
     * the year (32 teams, 12 workrooms, over 500 volunteers), the supplies the city and the towns gave
     * it (valued at ¥103,000: "十余万元"), and the station's publicity.
     */
    private void socialParticipation() {
        api.post(
                "outreach",
                "/api/partners/rangaihuijia/agreements",
                Map.of(
                        "stationId",
                        STATION,
                        "parties",
                        List.of("东莞市救助管理站", "东莞市让爱回家公益服务中心"),
                        "validFrom",
                        "2018-03-01",
                        "cluesShared",
                        List.of("街面流浪人员活动线索", "救助救治进展"),
                        "patientInformationShared",
                        List.of("市各医院收治流浪病人情况"),
                        "consent",
                        "协议约定仅用于身份核查与寻亲",
                        "occurredAt",
                        d(2018, 3, 1).toString()));
        api.post(
                "outreach",
                "/api/partners/rangaihuijia/capacity",
                Map.of(
                        "asOf",
                        "2018-12-31",
                        "teams",
                        32,
                        "workrooms",
                        12,
                        "volunteers",
                        500,
                        "occurredAt",
                        d(2018, 12, 31).toString()));
        api.post(
                "outreach",
                "/api/partners/rangaihuijia/support",
                Map.of(
                        "stationId",
                        STATION,
                        "giver",
                        "东莞市民政局",
                        "kind",
                        "SUPPLIES",
                        "description",
                        "棉被、衣物、食品",
                        "amount",
                        62000,
                        "currency",
                        "CNY",
                        "occurredAt",
                        d(2018, 6, 1).toString()));
        api.post(
                "outreach",
                "/api/partners/rangaihuijia/support",
                Map.of(
                        "stationId",
                        STATION,
                        "giver",
                        "各镇街",
                        "kind",
                        "SUPPLIES",
                        "description",
                        "寒冬送温暖物资",
                        "amount",
                        41000,
                        "currency",
                        "CNY",
                        "occurredAt",
                        d(2018, 12, 20).toString()));
        for (String[] activity : List.of(
                new String[] {"OPEN_DAY", "机构开放日", "60"},
                new String[] {"PUBLIC_CLASS", "流浪乞讨人员救助公益课", "45"},
                new String[] {"INTERNSHIP", "大学生到站实习实践", "6"},
                new String[] {"MEDIA_REPORT", "寻亲返乡典型案例报道", "0"})) {
            api.post(
                    "outreach",
                    "/api/publicity-activities",
                    Map.of(
                            "stationId",
                            STATION,
                            "kind",
                            activity[0],
                            "title",
                            activity[1],
                            "participants",
                            Integer.parseInt(activity[2]),
                            "occurredAt",
                            d(2018, 9, 1).toString()));
        }
    }

    private String program(String name, String kind, String partnerId) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("kind", kind);
        body.put("stationId", STATION);
        if (partnerId != null) {
            body.put("partnerId", partnerId);
        }
        body.put("occurredAt", d(2017, 1, 1).toString());
        return api.post("outreach", "/api/programs", body).get("programId").asText();
    }

    private void inParallel(List<Person> persons, Consumer<Person> work) throws Exception {
        List<Future<?>> running = new ArrayList<>();
        for (Person p : persons) {
            running.add(pool.submit(() -> work.accept(p)));
        }
        for (Future<?> f : running) {
            f.get();
        }
    }

    private List<Person> cohort(Cohort cohort, OffsetDateTime first, OffsetDateTime last) {
        return spread(cohort.size, first, last).stream()
                .map(at -> new Person(cohort, at))
                .toList();
    }

    private static void spreadSuccesses(List<Person> persons, OffsetDateTime first, OffsetDateTime last) {
        List<OffsetDateTime> dates = spread(persons.size(), first, last);
        for (int i = 0; i < persons.size(); i++) {
            persons.get(i).successAt = dates.get(i);
        }
    }

    /** {@code n} times spread evenly from {@code first} to {@code last}, at 10:00. */
    static List<OffsetDateTime> spread(int n, OffsetDateTime first, OffsetDateTime last) {
        long days = ChronoUnit.DAYS.between(first, last);
        List<OffsetDateTime> times = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            times.add(first.plusDays(n == 1 ? 0 : days * i / (n - 1)));
        }
        return times;
    }

    private static void add(List<String[]> channels, int n, String channel, String partner) {
        for (int i = 0; i < n; i++) {
            channels.add(new String[] {channel, partner});
        }
    }

    private static int random(Person p) {
        return Math.abs(p.admittedAt.hashCode() + p.cohort.ordinal());
    }

    static OffsetDateTime d(int year, int month, int day) {
        return LocalDate.of(year, month, day).atTime(10, 0).atOffset(CST);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
