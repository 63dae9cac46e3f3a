package org.homeward.reporting;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import org.hamcrest.Matchers;
import org.homeward.events.Actor;
import org.homeward.events.DomainEvent;
import org.homeward.events.EventCodec;
import org.homeward.events.EventEnvelope;
import org.homeward.events.EventTypes;
import org.homeward.events.Topics;
import org.homeward.events.intake.ArrivalChannel;
import org.homeward.events.intake.ExitType;
import org.homeward.events.intake.PersonEvent;
import org.homeward.events.intake.PersonEvent.IdentityConfirmed;
import org.homeward.events.intake.RiskFlag;
import org.homeward.events.intake.RiskFlagEvent;
import org.homeward.events.intake.Sex;
import org.homeward.events.intake.StayEvent.EntrustedCareEnded;
import org.homeward.events.intake.StayEvent.EntrustedCareStarted;
import org.homeward.events.intake.StayEvent.PersonAdmitted;
import org.homeward.events.intake.StayEvent.PersonDischarged;
import org.homeward.events.search.LeadChannel;
import org.homeward.events.search.NoticeMedium;
import org.homeward.events.search.SearchCaseEvent;
import org.homeward.events.search.SearchCaseEvent.NoticePublished;
import org.homeward.testsupport.BearerToken;
import org.homeward.testsupport.HomewardServiceResource;
import org.homeward.testsupport.KafkaTestClient;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A back-dated history delivered in random order (across and within streams, with redeliveries)
 * gives exactly the figures of a full recomputation from the same events (docs/definitions.md, ADR 4), persons
 * merged and merges undone among them (ADR 23), survivors merged again and those merges undone (ADR 31).
 */
@QuarkusTest
@QuarkusTestResource(
        value = HomewardServiceResource.class,
        initArgs = @ResourceArg(name = "database", value = "homeward_reporting_test"))
class ShuffledHistoryTest {
    @BeforeAll
    static void asAdmin() {
        BearerToken.sendEveryRequestAs("ADMIN");
    }

    static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    final Random random = new Random(42);
    final String station = "shuffle-" + UUID.randomUUID().toString().substring(0, 6);

    record Stay(UUID person, OffsetDateTime admitted, OffsetDateTime discharged, ExitType exit) {}

    /** An entrusted-care (托养) period inside a stay; {@code end} null while open. */
    record Care(Stay stay, OffsetDateTime start, OffsetDateTime end) {}

    record Success(UUID person, OffsetDateTime at, LeadChannel channel) {}

    List<Stay> stays = new ArrayList<>();
    Map<UUID, OffsetDateTime> confirmed = new HashMap<>();
    List<Success> successes = new ArrayList<>();
    Map<UUID, OffsetDateTime> firstNotice = new HashMap<>();
    List<Care> cares = new ArrayList<>();
    /** People at risk: the estimated age and when registered, and MENTAL_DISORDER periods set by hand. */
    Map<UUID, Object[]> ages = new HashMap<>();

    Map<UUID, OffsetDateTime[]> mentalDisorder = new HashMap<>();
    /** Appended to every report request: empty for everything known now, else "&knownAt=...". */
    String known = "";
    /** Persons merged (merged record → survivor) while the merge holds; merges undone are not here (ADR 23). */
    Map<UUID, UUID> survivorOf = new HashMap<>();

    final List<UUID> persons = new ArrayList<>();

    @Test
    void figures_equal_a_full_recomputation_whatever_the_arrival_order_and_as_known_at_any_instant() {
        List<Object[]> events = history(80);
        merges(events);
        chains(events);
        Collections.shuffle(events, random);
        // Record times over the last hour, independent of the arrival order and of business time: a stay's
        // admission and its discharge, a flag's set and its clear, are each recorded at their own instant.
        OffsetDateTime firstRecorded =
                OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(70).withNano(0);
        List<Object[]> recorded = new ArrayList<>();
        for (Object[] e : events) {
            recorded.add(new Object[] {e[0], e[1], e[2], e[3], firstRecorded.plusSeconds(random.nextInt(3600))});
        }
        events = recorded;
        for (int i = 0; i < events.size(); i++) {
            Object[] e = events.get(i);
            EventEnvelope envelope = envelope(
                    (String) e[0], (String) e[1], (DomainEvent) e[2], (OffsetDateTime) e[3], (OffsetDateTime) e[4]);
            String json = new EventCodec().envelopeJson(envelope);
            KafkaTestClient.send((String) e[0], envelope.streamId(), json);
            if (i % 7 == 0) {
                KafkaTestClient.send((String) e[0], envelope.streamId(), json); // redelivered
            }
        }

        await().atMost(Duration.ofSeconds(60))
                .until(() -> given().get("/api/reports/family-search?from=2016-01-01&to=2020-01-01&stationId="
                                                + station)
                                        .then()
                                        .extract()
                                        .jsonPath()
                                        .getLong("successes")
                                == successes.size()
                        && given().get("/api/reports/notices?from=2016-01-01&to=2020-01-01&stationId=" + station)
                                        .then()
                                        .extract()
                                        .jsonPath()
                                        .getLong("persons")
                                == firstNotices().size()
                        && given().get("/api/reports/retention?asOf=2020-01-01&stationId=" + station)
                                        .then()
                                        .extract()
                                        .jsonPath()
                                        .getLong("inStation")
                                == retention(LocalDate.of(2020, 1, 1))[0]);

        // merges are not behind the figures awaited above: wait for these too
        await().atMost(Duration.ofSeconds(60)).untilAsserted(this::assertRetentionAndFamilySearch);
        // Flow (docs/definitions.md): entrusted-care events are not behind the figures awaited above, so wait for these
        // too.
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            for (LocalDate from = LocalDate.of(2016, 7, 1);
                    from.isBefore(LocalDate.of(2019, 7, 1));
                    from = from.plusMonths(6)) {
                assertFlow(from, from.plusMonths(6));
            }
            assertFlow(LocalDate.of(2017, 1, 1), LocalDate.of(2018, 1, 1));
            assertFlow(LocalDate.of(2018, 1, 1), LocalDate.of(2019, 1, 1));
        });
        // People at risk (docs/definitions.md): flags and ages are not behind the figures awaited above either.
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            for (LocalDate d = LocalDate.of(2016, 7, 1); d.isBefore(LocalDate.of(2019, 7, 1)); d = d.plusMonths(3)) {
                assertAtRisk(d);
            }
        });

        // As known at (docs/adr/0027): every figure at a random record-time instant equals a recomputation from
        // only the events recorded by then. Everything has arrived (awaited above), so these answers are final.
        for (int round = 0; round < 4; round++) {
            // an event's own record time (knownAt includes it), or a moment between two record times
            OffsetDateTime at = ((OffsetDateTime) events.get(random.nextInt(events.size()))[4])
                    .plusNanos(round < 2 ? 0 : random.nextInt(1_000_000) * 1000L);
            List<Object[]> byThen = events.stream()
                    .filter(e -> !((OffsetDateTime) e[4]).isAfter(at))
                    .toList();
            load(byThen);
            known = "&knownAt=" + at; // UTC: no "+" to encode (RestAssured encodes the query itself)
            for (LocalDate d = LocalDate.of(2017, 1, 1); d.isBefore(LocalDate.of(2019, 7, 1)); d = d.plusMonths(2)) {
                JsonPath r = given().get("/api/reports/retention?asOf=" + d + "&stationId=" + station + known)
                        .then()
                        .statusCode(200)
                        .extract()
                        .jsonPath();
                assertThat(new long[] {
                            r.getLong("inStation"),
                            r.getLong("retained10Days"),
                            r.getLong("retained3Months"),
                            r.getLong("unidentifiedRetained3Months")
                        })
                        .as("retention at " + d + " known at " + at)
                        .containsExactly(retention(d));
            }
            for (int year = 2017; year <= 2018; year++) {
                LocalDate from = LocalDate.of(year, 1, 1);
                LocalDate to = from.plusYears(1);
                JsonPath fs = given().get("/api/reports/family-search?from=" + from + "&to=" + to + "&stationId="
                                + station + known)
                        .then()
                        .statusCode(200)
                        .extract()
                        .jsonPath();
                List<Success> inYear =
                        successes.stream().filter(s -> in(s.at(), from, to)).toList();
                assertThat(new long[] {fs.getLong("successes"), fs.getLong("retainedSuccesses")})
                        .as("family search " + year + " known at " + at)
                        .containsExactly(
                                inYear.size(),
                                inYear.stream().filter(this::retained).count());
                assertThat(given().get("/api/reports/notices?from=" + from + "&to=" + to + "&stationId=" + station
                                        + known)
                                .then()
                                .statusCode(200)
                                .extract()
                                .jsonPath()
                                .getLong("persons"))
                        .as("notices " + year + " known at " + at)
                        .isEqualTo(firstNotices().values().stream()
                                .filter(t -> in(t, from, to))
                                .count());
                assertFlow(from, to);
            }
            for (LocalDate d = LocalDate.of(2016, 7, 1); d.isBefore(LocalDate.of(2019, 7, 1)); d = d.plusMonths(6)) {
                assertAtRisk(d);
            }
        }
        known = "";
    }

    private void assertRetentionAndFamilySearch() {
        for (LocalDate d = LocalDate.of(2017, 1, 1); d.isBefore(LocalDate.of(2019, 7, 1)); d = d.plusMonths(1)) {
            JsonPath r = given().get("/api/reports/retention?asOf=" + d + "&stationId=" + station + known)
                    .then()
                    .statusCode(200)
                    .extract()
                    .jsonPath();
            long[] expected = retention(d);
            assertThat(new long[] {
                        r.getLong("inStation"),
                        r.getLong("retained10Days"),
                        r.getLong("retained3Months"),
                        r.getLong("unidentifiedRetained3Months")
                    })
                    .as("retention at " + d)
                    .containsExactly(expected);
        }
        for (int year = 2017; year <= 2018; year++) {
            LocalDate from = LocalDate.of(year, 1, 1);
            LocalDate to = from.plusYears(1);
            JsonPath fs = given().get(
                            "/api/reports/family-search?from=" + from + "&to=" + to + "&stationId=" + station + known)
                    .then()
                    .statusCode(200)
                    .extract()
                    .jsonPath();
            List<Success> inYear =
                    successes.stream().filter(s -> in(s.at(), from, to)).toList();
            assertThat(fs.getLong("successes")).as("successes " + year).isEqualTo(inYear.size());
            assertThat(fs.getLong("retainedSuccesses"))
                    .as("retained " + year)
                    .isEqualTo(inYear.stream().filter(this::retained).count());
            long police = inYear.stream()
                    .filter(s -> s.channel().group == LeadChannel.Group.POLICE)
                    .count();
            assertThat(fs.getLong("byGroup.find { it.group == 'POLICE' }.count"))
                    .isEqualTo(police);
            JsonPath notices = given().get(
                            "/api/reports/notices?from=" + from + "&to=" + to + "&stationId=" + station + known)
                    .then()
                    .extract()
                    .jsonPath();
            assertThat(notices.getLong("persons"))
                    .as("notices " + year)
                    .isEqualTo(firstNotices().values().stream()
                            .filter(t -> in(t, from, to))
                            .count());
        }
    }

    /**
     * Merges (ADR 23) between persons whose stays never overlap, on both persons' streams; a third of them
     * undone again. A merged person counts once, as the survivor: identity, flags, age, notices, successes.
     */
    private void merges(List<Object[]> events) {
        Set<UUID> used = involved;
        int merges = 0;
        for (UUID survivor : persons) {
            for (UUID merged : persons) {
                if (merges == 16
                        || used.contains(survivor)
                        || used.contains(merged)
                        || survivor.equals(merged)
                        || overlap(survivor, merged)) {
                    continue;
                }
                used.add(survivor);
                used.add(merged);
                merges++;
                UUID mergeId = UUID.randomUUID();
                OffsetDateTime at = time(LocalDate.of(2019, 9, 1).plusDays(merges));
                for (UUID person : List.of(survivor, merged)) {
                    events.add(new Object[] {
                        Topics.INTAKE,
                        person.toString(),
                        new PersonEvent.PersonMerged(person, mergeId, survivor, merged, "同一人", List.of(), List.of()),
                        at
                    });
                }
                if (merges % 3 == 0) { // undone: the two count as two again
                    for (UUID person : List.of(survivor, merged)) {
                        events.add(new Object[] {
                            Topics.INTAKE,
                            person.toString(),
                            new PersonEvent.PersonUnmerged(person, mergeId, survivor, merged, "不是同一人"),
                            at.plusDays(1)
                        });
                    }
                } else {
                    survivorOf.put(merged, survivor);
                    holding.put(survivor, new UUID[] {mergeId, merged});
                }
                break;
            }
        }
        assertThat(survivorOf).as("merges that hold").hasSizeGreaterThan(5);
    }

    /** Persons in a merge, and the merges that hold by survivor (merge id, merged record). */
    final Set<UUID> involved = new HashSet<>();

    final Map<UUID, UUID[]> holding = new LinkedHashMap<>();

    /**
     * Merges of merges (ADR 31): a survivor merged into a further person takes its merged record along, so
     * that record counts as the last survivor too. Half of these outer merges are undone again (the inner one
     * holds again), and of those, half have the inner merge undone afterwards too (the order intake allows).
     */
    private void chains(List<Object[]> events) {
        int chains = 0;
        for (Map.Entry<UUID, UUID[]> inner : new ArrayList<>(holding.entrySet())) {
            UUID middle = inner.getKey();
            for (UUID outer : persons) {
                if (chains == 6
                        || involved.contains(outer)
                        || overlap(middle, outer)
                        || overlap(inner.getValue()[1], outer)) {
                    continue;
                }
                involved.add(outer);
                chains++;
                UUID mergeId = UUID.randomUUID();
                OffsetDateTime at = time(LocalDate.of(2019, 10, 1).plusDays(3 * chains));
                for (UUID person : List.of(outer, middle)) {
                    events.add(new Object[] {
                        Topics.INTAKE,
                        person.toString(),
                        new PersonEvent.PersonMerged(person, mergeId, outer, middle, "同一人", List.of(), List.of()),
                        at
                    });
                }
                if (chains % 2 == 0) { // the outer merge undone: the inner one holds again
                    for (UUID person : List.of(outer, middle)) {
                        events.add(new Object[] {
                            Topics.INTAKE,
                            person.toString(),
                            new PersonEvent.PersonUnmerged(person, mergeId, outer, middle, "不是同一人"),
                            at.plusDays(1)
                        });
                    }
                    if (chains % 4 == 0) { // and then the inner one too
                        UUID innerId = inner.getValue()[0];
                        UUID merged = inner.getValue()[1];
                        for (UUID person : List.of(middle, merged)) {
                            events.add(new Object[] {
                                Topics.INTAKE,
                                person.toString(),
                                new PersonEvent.PersonUnmerged(person, innerId, middle, merged, "不是同一人"),
                                at.plusDays(2)
                            });
                        }
                        survivorOf.remove(merged);
                    }
                } else {
                    survivorOf.put(middle, outer);
                }
                break;
            }
        }
        assertThat(chains).as("merges of merges").isEqualTo(6);
    }

    private boolean overlap(UUID a, UUID b) {
        OffsetDateTime never = OffsetDateTime.MAX;
        return stays.stream()
                .filter(s -> s.person().equals(a))
                .anyMatch(x -> stays.stream()
                        .filter(s -> s.person().equals(b))
                        .anyMatch(y -> x.admitted().isBefore(y.discharged() == null ? never : y.discharged())
                                && y.admitted().isBefore(x.discharged() == null ? never : x.discharged())));
    }

    /** The end of the person's chain of merges that hold (ADR 31). */
    private UUID survivor(UUID person) {
        UUID survivor = person;
        while (survivorOf.containsKey(survivor)) {
            survivor = survivorOf.get(survivor);
        }
        return survivor;
    }

    /** The records that read as one person: the survivor and those merged into it. */
    private List<UUID> records(UUID person) {
        UUID survivor = survivor(person);
        return persons.stream().filter(p -> survivor(p).equals(survivor)).toList();
    }

    /** When the person was first identified, on any of their records. */
    private OffsetDateTime confirmedAt(UUID person) {
        return records(person).stream()
                .map(confirmed::get)
                .filter(Objects::nonNull)
                .min(OffsetDateTime::compareTo)
                .orElse(null);
    }

    /** Each person's first notice on any of their records, counted when one of their stays was admitted by then. */
    private Map<UUID, OffsetDateTime> firstNotices() {
        Map<UUID, OffsetDateTime> first = new HashMap<>();
        firstNotice.forEach((person, at) -> first.merge(survivor(person), at, (a, b) -> a.isBefore(b) ? a : b));
        first.entrySet().removeIf(e -> !admittedBy(e.getKey(), e.getValue()));
        return first;
    }

    /** MENTAL_DISORDER by hand at t: the latest change at or before t on any of the person's records set it. */
    private boolean mentalDisorderAt(UUID person, OffsetDateTime t) {
        OffsetDateTime latest = null;
        boolean set = false;
        for (UUID record : records(person)) {
            OffsetDateTime[] f = mentalDisorder.get(record);
            if (f == null) {
                continue;
            }
            if (!f[0].isAfter(t) && (latest == null || f[0].isAfter(latest))) {
                latest = f[0];
                set = true;
            }
            if (f[1] != null && !f[1].isAfter(t) && (latest == null || f[1].isAfter(latest))) {
                latest = f[1];
                set = false;
            }
        }
        return set;
    }

    /** The survivor's age estimate, else that of the earliest registered record merged into it. */
    private Object[] ageOf(UUID person) {
        UUID survivor = survivor(person);
        return ages.containsKey(survivor)
                ? ages.get(survivor)
                : records(person).stream()
                        .map(ages::get)
                        .filter(Objects::nonNull)
                        .min(Comparator.comparing(a -> (OffsetDateTime) a[1]))
                        .orElse(null);
    }

    /**
     * The model recomputed from a set of events, as the facts know them: a stay counts from its recorded
     * admission (a discharge recorded alone shows nothing), a success or notice counts for the station
     * when the person has a recorded stay admitted before it, a flag holds from a recorded set.
     */
    private void load(List<Object[]> events) {
        Map<UUID, Object[]> admitted = new HashMap<>();
        Map<UUID, Object[]> discharged = new HashMap<>();
        Map<UUID, Object[]> careStarts = new HashMap<>();
        Map<UUID, OffsetDateTime> careEnds = new HashMap<>();
        Map<UUID, OffsetDateTime> flagSet = new HashMap<>();
        Map<UUID, OffsetDateTime> flagCleared = new HashMap<>();
        List<Success> found = new ArrayList<>();
        Map<UUID, OffsetDateTime> notices = new HashMap<>();
        confirmed = new HashMap<>();
        ages = new HashMap<>();
        Map<UUID, UUID[]> merged = new HashMap<>();
        Set<UUID> unmerged = new HashSet<>();
        for (Object[] e : events) {
            if (e[2] instanceof PersonEvent.PersonMerged m) { // either copy makes it known
                merged.put(m.mergeId(), new UUID[] {m.mergedPersonId(), m.survivorId()});
            } else if (e[2] instanceof PersonEvent.PersonUnmerged u) {
                unmerged.add(u.mergeId());
            }
        }
        survivorOf = new HashMap<>();
        merged.forEach((id, pair) -> {
            if (!unmerged.contains(id)) {
                survivorOf.put(pair[0], pair[1]);
            }
        });
        for (Object[] e : events) {
            OffsetDateTime at = (OffsetDateTime) e[3];
            Object p = e[2];
            if (p instanceof PersonAdmitted a) {
                admitted.put(a.stayId(), new Object[] {a.personId(), at});
                if (a.identified()) {
                    confirmed.merge(a.personId(), at, (x, y) -> x.isBefore(y) ? x : y);
                }
            } else if (p instanceof PersonDischarged d) {
                discharged.put(d.stayId(), new Object[] {at, d.exitType()});
            } else if (p instanceof IdentityConfirmed i) {
                confirmed.merge(i.personId(), at, (x, y) -> x.isBefore(y) ? x : y);
            } else if (p instanceof SearchCaseEvent.FamilyFound f) {
                found.add(new Success(f.personId(), at, f.channel()));
                confirmed.merge(f.personId(), at, (x, y) -> x.isBefore(y) ? x : y);
            } else if (p instanceof NoticePublished n) {
                notices.merge(n.personId(), at, (x, y) -> x.isBefore(y) ? x : y);
            } else if (p instanceof EntrustedCareStarted c) {
                careStarts.put(c.entrustedCareId(), new Object[] {c.stayId(), at});
            } else if (p instanceof EntrustedCareEnded c) {
                careEnds.put(c.entrustedCareId(), at);
            } else if (p instanceof PersonEvent.PersonRegistered r) {
                ages.put(r.personId(), new Object[] {r.estimatedAge(), at});
            } else if (p instanceof RiskFlagEvent.RiskFlagSet f) {
                flagSet.put(f.personId(), at);
            } else if (p instanceof RiskFlagEvent.RiskFlagCleared f) {
                flagCleared.put(f.personId(), at);
            }
        }
        stays = new ArrayList<>();
        Map<UUID, Stay> byId = new HashMap<>();
        admitted.forEach((id, a) -> {
            Object[] d = discharged.get(id);
            Stay stay = new Stay(
                    (UUID) a[0],
                    (OffsetDateTime) a[1],
                    d == null ? null : (OffsetDateTime) d[0],
                    d == null ? null : (ExitType) d[1]);
            stays.add(stay);
            byId.put(id, stay);
        });
        cares = new ArrayList<>();
        careStarts.forEach((id, c) -> {
            Stay stay = byId.get((UUID) c[0]);
            if (stay != null) {
                cares.add(new Care(stay, (OffsetDateTime) c[1], careEnds.get(id)));
            }
        });
        successes = found.stream().filter(s -> admittedBy(s.person(), s.at())).toList();
        firstNotice = new HashMap<>();
        firstNotice.putAll(
                notices); // firstNotices() counts a person's first when one of their stays was admitted by then
        mentalDisorder = new HashMap<>();
        flagSet.forEach(
                (person, set) -> mentalDisorder.put(person, new OffsetDateTime[] {set, flagCleared.get(person)}));
    }

    private boolean admittedBy(UUID person, OffsetDateTime at) {
        return stays.stream()
                .anyMatch(s -> survivor(s.person()).equals(survivor(person))
                        && !s.admitted().isAfter(at));
    }

    /** At-risk figures recomputed from the lists: a flag by hand holds between its set and its clear; age moves on. */
    private void assertAtRisk(LocalDate d) {
        JsonPath r = given().get("/api/reports/at-risk?asOf=" + d + "&stationId=" + station + known)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        OffsetDateTime t = d.atStartOfDay(ZONE).toOffsetDateTime();
        List<Stay> present = inStation(d);
        long mental = present.stream()
                .map(Stay::person)
                .filter(p -> mentalDisorderAt(p, t))
                .count();
        long minor = 0, elderly = 0;
        for (Stay s : present) {
            Object[] a = ageOf(s.person());
            if (a != null) {
                long age = (Integer) a[0]
                        + ChronoUnit.YEARS.between(
                                ((OffsetDateTime) a[1]).atZoneSameInstant(ZONE), t.atZoneSameInstant(ZONE));
                minor += age < 18 ? 1 : 0;
                elderly += age >= 60 ? 1 : 0;
            }
        }
        assertThat(new long[] {
                    r.getLong("inStation"),
                    r.getLong("byFlag.find { it.flag == 'MENTAL_DISORDER' }.persons"),
                    r.getLong("byFlag.find { it.flag == 'MINOR' }.persons"),
                    r.getLong("byFlag.find { it.flag == 'ELDERLY' }.persons")
                })
                .as("at risk at " + d)
                .containsExactly(present.size(), mental, minor, elderly);
    }

    /** Flow figures recomputed from the lists of stays and entrusted-care periods. */
    private void assertFlow(LocalDate from, LocalDate to) {
        JsonPath f = given().get("/api/reports/flow?from=" + from + "&to=" + to + "&stationId=" + station + known)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        String period = from + ".." + to;
        List<Stay> exits = stays.stream()
                .filter(s -> s.discharged() != null && in(s.discharged(), from, to))
                .toList();
        long placed =
                exits.stream().filter(s -> s.exit() == ExitType.PLACED_IN_CARE).count();
        long days = ChronoUnit.DAYS.between(from, to);
        long personDays = 0;
        for (LocalDate d = from; d.isBefore(to); d = d.plusDays(1)) {
            personDays += inStation(d).size();
        }
        assertThat(f.getLong("admissions"))
                .as("admissions " + period)
                .isEqualTo(
                        stays.stream().filter(s -> in(s.admitted(), from, to)).count());
        assertThat(f.getLong("exits")).as("exits " + period).isEqualTo(exits.size());
        assertThat(f.getLong("finalPlacements")).as("placements " + period).isEqualTo(placed);
        assertThat(f.getLong("personDays")).as("person-days " + period).isEqualTo(personDays);
        assertThat(decimal(f.getString("placementRatePercent")))
                .as("安置率 " + period)
                .isEqualTo(
                        exits.isEmpty()
                                ? null
                                : BigDecimal.valueOf(placed * 100)
                                        .divide(BigDecimal.valueOf(exits.size()), 1, RoundingMode.HALF_UP)
                                        .stripTrailingZeros());
        assertThat(decimal(f.getString("turnover")))
                .as("周转率 " + period)
                .isEqualTo(
                        personDays == 0
                                ? null
                                : BigDecimal.valueOf(exits.size() * days)
                                        .divide(BigDecimal.valueOf(personDays), 2, RoundingMode.HALF_UP)
                                        .stripTrailingZeros());
        OffsetDateTime t = to.atStartOfDay(ZONE).toOffsetDateTime();
        List<Stay> present = inStation(to);
        assertThat(f.getLong("inEntrustedCare"))
                .as("in 托养 at " + to)
                .isEqualTo(cares.stream()
                        .filter(c -> present.contains(c.stay())
                                && !c.start().isAfter(t)
                                && (c.end() == null || c.end().isAfter(t)))
                        .map(Care::stay)
                        .distinct()
                        .count());
        assertThat(f.getLong("lengthOfStay.past10Days"))
                .as("past 10 days " + period)
                .isEqualTo(exits.stream()
                        .filter(s -> !s.admitted()
                                .isAfter(s.discharged()
                                        .atZoneSameInstant(ZONE)
                                        .minusDays(10)
                                        .toOffsetDateTime()))
                        .count());
    }

    private List<Stay> inStation(LocalDate d) {
        OffsetDateTime t = d.atStartOfDay(ZONE).toOffsetDateTime();
        return stays.stream()
                .filter(s -> !s.admitted().isAfter(t)
                        && (s.discharged() == null || s.discharged().isAfter(t)))
                .toList();
    }

    /** A JSON number read back as a decimal, compared by value (1.3 equals 1.30). */
    private static BigDecimal decimal(String value) {
        return value == null ? null : new BigDecimal(value).stripTrailingZeros();
    }

    @Test
    void bad_report_parameters_are_problems_and_an_empty_period_is_zeros() {
        given().get("/api/reports/retention?asOf=2018-13-01")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", Matchers.equalTo("asOf"));
        given().get("/api/reports/family-search?from=2019-01-01&to=2018-01-01")
                .then()
                .statusCode(400)
                .body("errors[0].field", Matchers.equalTo("from"));
        given().get("/api/reports/outreach?from=2018-01-01&to=2019-01-01&programKind=CIRCUS")
                .then()
                .statusCode(400)
                .body("errors[0].field", Matchers.equalTo("programKind"));
        // an enum query parameter is read by the platform's converter: the constants named, blank as absent
        given().get("/api/reports/family-search/members?from=2018-01-01&to=2019-01-01&channel=CARRIER_PIGEON")
                .then()
                .statusCode(400)
                .body("errors[0].field", Matchers.equalTo("channel"))
                .body("errors[0].message", Matchers.containsString("POLICE_"));
        given().get("/api/reports/outreach?from=2018-01-01&to=2019-01-01&programKind=")
                .then()
                .statusCode(200);
        given().get("/api/reports/outreach?from=2018-01-01&to=2019-01-01&partnerId=nobody-at-all")
                .then()
                .statusCode(400)
                .body("errors[0].field", Matchers.equalTo("partnerId"));
        // knownAt (docs/adr/0027): unparsable, in the future, before the platform's first recorded event
        for (String report : List.of(
                "retention?asOf=2018-01-01",
                "retention/members?asOf=2018-01-01&figure=inStation",
                "retention-series?from=2018-01-01&to=2018-06-01",
                "retention-change?from=2018-01-01&to=2019-01-01",
                "family-search?from=2018-01-01&to=2019-01-01",
                "family-search/monthly?from=2018-01-01&to=2019-01-01",
                "notices?from=2018-01-01&to=2019-01-01",
                "outreach?from=2018-01-01&to=2019-01-01",
                "resources?x=1",
                "flow?from=2018-01-01&to=2019-01-01",
                "at-risk?asOf=2018-01-01",
                "annual?year=2018",
                "social-participation?from=2018-01-01&to=2019-01-01")) {
            for (String bad : List.of("last-tuesday", "2018-01-01", "2999-01-01T00:00:00Z", "2000-01-01T00:00:00Z")) {
                given().get("/api/reports/" + report + "&knownAt=" + bad)
                        .then()
                        .statusCode(400)
                        .contentType("application/problem+json")
                        .body("errors[0].field", Matchers.equalTo("knownAt"));
            }
        }
        given().get("/api/reports/annual?year=1800").then().statusCode(400);
        given().get("/api/reports/annual?year=abc").then().statusCode(400);

        given().get("/api/reports/family-search?from=1990-01-01&to=1991-01-01&stationId=nowhere")
                .then()
                .statusCode(200)
                .body("successes", Matchers.equalTo(0))
                .body("retainedYoYPercent", Matchers.nullValue())
                .body("byCategory[0].sharePercent", Matchers.nullValue());
        given().get("/api/reports/notices?from=1990-01-01&to=1990-02-15")
                .then()
                .statusCode(200)
                .body("persons", Matchers.equalTo(0))
                .body("monthlyAverage", Matchers.equalTo(0.0f));
    }

    /** Each entry: topic, stream id, payload, occurredAt. */
    private List<Object[]> history(int persons) {
        List<Object[]> events = new ArrayList<>();
        for (int p = 0; p < persons; p++) {
            UUID person = UUID.randomUUID();
            this.persons.add(person);
            OffsetDateTime t = time(LocalDate.of(2016, 6, 1).plusDays(random.nextInt(800)));
            if (random.nextInt(3) > 0) { // an estimated age: minor or elderly follow from it as years pass
                int age = 5 + random.nextInt(80);
                OffsetDateTime registered = t.minusDays(random.nextInt(400));
                events.add(new Object[] {
                    Topics.INTAKE,
                    person.toString(),
                    new PersonEvent.PersonRegistered(person, null, Sex.MALE, age, false, null, null),
                    registered
                });
                ages.put(person, new Object[] {age, registered});
            }
            if (random.nextInt(3) == 0) { // a flag set by hand, cleared later or not
                OffsetDateTime set = t.plusDays(random.nextInt(60)).plusHours(4);
                OffsetDateTime cleared = random.nextBoolean() ? null : set.plusDays(1 + random.nextInt(200));
                String flags = "flags-" + person;
                events.add(new Object[] {
                    Topics.INTAKE, flags, new RiskFlagEvent.RiskFlagSet(person, RiskFlag.MENTAL_DISORDER, null), set
                });
                if (cleared != null) {
                    events.add(new Object[] {
                        Topics.INTAKE,
                        flags,
                        new RiskFlagEvent.RiskFlagCleared(person, RiskFlag.MENTAL_DISORDER, null),
                        cleared
                    });
                }
                mentalDisorder.put(person, new OffsetDateTime[] {set, cleared});
            }
            int stayCount = 1 + random.nextInt(2);
            for (int s = 0; s < stayCount; s++) {
                UUID stay = UUID.randomUUID();
                boolean identified = random.nextInt(5) == 0;
                events.add(new Object[] {
                    Topics.INTAKE,
                    stay.toString(),
                    new PersonAdmitted(stay, person, station, ArrivalChannel.POLICE, null, identified),
                    t
                });
                if (identified) {
                    confirmed.merge(person, t, (a, b) -> a.isBefore(b) ? a : b);
                }
                OffsetDateTime discharged = random.nextInt(4) == 0
                        ? null
                        : t.plusDays(1 + random.nextInt(300)).plusHours(random.nextInt(20));
                if (random.nextInt(3) == 0) {
                    OffsetDateTime at = t.plusDays(random.nextInt(60)).plusHours(3);
                    events.add(
                            new Object[] {Topics.INTAKE, person.toString(), new IdentityConfirmed(person, "名", "乡"), at
                            });
                    confirmed.merge(person, at, (a, b) -> a.isBefore(b) ? a : b);
                }
                if (random.nextInt(5) < 2) {
                    OffsetDateTime at = t.plusDays(random.nextInt(40)).plusHours(1);
                    if (discharged == null || at.isBefore(discharged)) {
                        LeadChannel channel = LeadChannel.values()[random.nextInt(LeadChannel.values().length)];
                        UUID caseId = UUID.randomUUID();
                        events.add(new Object[] {
                            Topics.SEARCH,
                            caseId.toString(),
                            new SearchCaseEvent.FamilyFound(
                                    caseId,
                                    person,
                                    UUID.randomUUID(),
                                    channel,
                                    channel == LeadChannel.PARTNER ? "rangaihuijia" : null,
                                    channel,
                                    null,
                                    null),
                            at
                        });
                        successes.add(new Success(person, at, channel));
                        confirmed.merge(person, at, (a, b) -> a.isBefore(b) ? a : b); // a found family identifies
                    }
                }
                if (random.nextInt(2) == 0) {
                    OffsetDateTime at = t.plusDays(random.nextInt(30)).plusHours(2);
                    UUID caseId = UUID.randomUUID();
                    events.add(new Object[] {
                        Topics.SEARCH,
                        caseId.toString(),
                        new NoticePublished(caseId, person, UUID.randomUUID(), NoticeMedium.TV),
                        at
                    });
                    firstNotice.merge(person, at, (a, b) -> a.isBefore(b) ? a : b);
                }
                ExitType exit = ExitType.values()[random.nextInt(ExitType.values().length)];
                Stay recorded = new Stay(person, t, discharged, discharged == null ? null : exit);
                stays.add(recorded);
                if (random.nextInt(3) == 0) { // entrusted care (托养) inside the stay; the discharge ends an open period
                    OffsetDateTime start = t.plusDays(1 + random.nextInt(20)).plusHours(1);
                    OffsetDateTime end = random.nextInt(3) == 0 ? null : start.plusDays(1 + random.nextInt(90));
                    if (discharged != null && (end == null || end.isAfter(discharged))) {
                        end = discharged;
                    }
                    if (discharged == null || start.isBefore(discharged)) {
                        UUID care = UUID.randomUUID();
                        events.add(new Object[] {
                            Topics.INTAKE, stay.toString(), new EntrustedCareStarted(stay, care, "福利院"), start
                        });
                        if (end != null) {
                            events.add(new Object[] {
                                Topics.INTAKE, stay.toString(), new EntrustedCareEnded(stay, care), end
                            });
                        }
                        cares.add(new Care(recorded, start, end));
                    }
                }
                if (discharged == null) {
                    break;
                }
                events.add(new Object[] {
                    Topics.INTAKE, stay.toString(), new PersonDischarged(stay, person, station, exit), discharged
                });
                t = discharged.plusDays(1 + random.nextInt(100));
            }
        }
        return events;
    }

    /** Retention (docs/definitions.md), recomputed from the list of stays. */
    private long[] retention(LocalDate d) {
        OffsetDateTime t = d.atStartOfDay(ZONE).toOffsetDateTime();
        OffsetDateTime tenDays = d.atStartOfDay(ZONE).minusDays(10).toOffsetDateTime();
        OffsetDateTime threeMonths = d.atStartOfDay(ZONE).minusMonths(3).toOffsetDateTime();
        long in = 0, r10 = 0, r3 = 0, u3 = 0;
        for (Stay s : stays) {
            if (s.admitted().isAfter(t)
                    || (s.discharged() != null && !s.discharged().isAfter(t))) {
                continue;
            }
            in++;
            if (!s.admitted().isAfter(tenDays)) {
                r10++;
            }
            if (!s.admitted().isAfter(threeMonths)) {
                r3++;
                OffsetDateTime c = confirmedAt(s.person());
                if (c == null || c.isAfter(t)) {
                    u3++;
                }
            }
        }
        return new long[] {in, r10, r3, u3};
    }

    private boolean retained(Success success) {
        return stays.stream()
                .anyMatch(s -> survivor(s.person()).equals(survivor(success.person()))
                        && !s.admitted().isAfter(success.at().minusDays(10))
                        && (s.discharged() == null || s.discharged().isAfter(success.at())));
    }

    private static boolean in(OffsetDateTime t, LocalDate from, LocalDate to) {
        return !t.isBefore(from.atStartOfDay(ZONE).toOffsetDateTime())
                && t.isBefore(to.atStartOfDay(ZONE).toOffsetDateTime());
    }

    private OffsetDateTime time(LocalDate day) {
        return day.atTime(8 + random.nextInt(10), random.nextInt(60)).atOffset(ZoneOffset.ofHours(8));
    }

    private static EventEnvelope envelope(
            String topic, String stream, DomainEvent payload, OffsetDateTime at, OffsetDateTime recordedAt) {
        return new EventEnvelope(
                UUID.randomUUID(),
                EventTypes.nameOf(payload),
                1,
                topic,
                stream,
                1,
                at,
                recordedAt,
                Actor.SYSTEM,
                null,
                null,
                payload);
    }
}
