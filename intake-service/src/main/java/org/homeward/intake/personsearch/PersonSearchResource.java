package org.homeward.intake.personsearch;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.homeward.events.intake.Sex;
import org.homeward.platform.problem.HomewardException;
import org.homeward.platform.security.AuditLog;
import org.homeward.platform.security.Caller;
import org.homeward.platform.security.Classified;
import org.homeward.platform.security.FieldPolicy.DataClass;
import org.homeward.platform.security.Roles;
import org.homeward.platform.sourcing.BusinessTime;
import org.homeward.platform.sourcing.EventSourcing;
import org.homeward.platform.text.Pinyin;
import org.homeward.platform.web.DateParams;

/**
 * Staff look a person up before registering one: residents and past residents by name (characters, full
 * pinyin or its initials, tone-less), nickname, hometown, age, sex, station and admission date, so a
 * returning client is found instead of being registered twice. Search terms are personal data: audited.
 */
@Path("/api/persons")
@RolesAllowed({Roles.STATION_STAFF, Roles.SEARCH_TEAM, Roles.POLICE_LIAISON, Roles.ADMIN})
public class PersonSearchResource {

    /** Why a person is in the results: one line per criterion it met. */
    public record Match(String field, String explanation) {}

    public record Found(
            UUID personId,
            String name,
            String sex,
            Integer estimatedAgeNow,
            String hometown,
            String identityStatus,
            OffsetDateTime registeredAt,
            String lastStationId,
            OffsetDateTime lastAdmittedAt,
            OffsetDateTime lastDischargedAt,
            boolean inStation,
            @Classified(DataClass.IDENTITY_FRAGMENTS) List<Match> matchedOn) {}

    public record Page(long total, int limit, int offset, List<Found> results) {}

    private final EventSourcing sourcing;
    private final PersonSearch search;
    private final Caller caller;
    private final AuditLog audit;

    public PersonSearchResource(EventSourcing sourcing, PersonSearch search, Caller caller, AuditLog audit) {
        this.sourcing = sourcing;
        this.search = search;
        this.caller = caller;
        this.audit = audit;
    }

    @GET
    public Page find(
            @QueryParam("name") @Size(max = 100) String name,
            @QueryParam("sex") String sex,
            @QueryParam("hometown") @Size(max = 100) String hometown,
            @QueryParam("ageMin") @Min(0) @Max(120) Integer ageMin,
            @QueryParam("ageMax") @Min(0) @Max(120) Integer ageMax,
            @QueryParam("stationId") @Size(max = 64) String stationId,
            @QueryParam("admittedFrom") String admittedFrom,
            @QueryParam("admittedTo") String admittedTo,
            @QueryParam("limit") @DefaultValue("20") @Min(1) @Max(100) int limit,
            @QueryParam("offset") @DefaultValue("0") @Min(0) @Max(100000) int offset) {
        String nameTerm = blankToNull(name);
        if (nameTerm != null
                && Pinyin.typedKey(nameTerm).isEmpty()
                && nameTerm.codePoints().noneMatch(PersonSearchResource::isHan)) {
            throw HomewardException.badInput("name", "has neither Chinese characters nor pinyin letters to search by");
        }
        String sexTerm = sex(sex);
        if (ageMin != null && ageMax != null && ageMax < ageMin) {
            throw HomewardException.badInput("ageMax", "must not be below ageMin (" + ageMin + ")");
        }
        LocalDate from = DateParams.dateOr("admittedFrom", admittedFrom, null);
        LocalDate to = DateParams.dateOr("admittedTo", admittedTo, null);
        if (from != null && to != null && to.isBefore(from)) {
            throw HomewardException.badInput("admittedTo", "must not be before admittedFrom (" + from + ")");
        }
        PersonSearch.Criteria criteria = new PersonSearch.Criteria(
                nameTerm,
                sexTerm,
                blankToNull(hometown),
                ageMin,
                ageMax,
                blankToNull(stationId),
                from == null ? null : DateParams.startOf(from),
                to == null ? null : DateParams.startOf(to.plusDays(1)),
                BusinessTime.now(),
                limit,
                offset);
        caller.purpose(); // an unknown X-Purpose is refused before anything is read
        Page page = sourcing.inTransaction(c -> {
            List<PersonSearch.Row> rows = search.find(c, criteria);
            Map<UUID, List<PersonSearch.NameHit>> hits = nameTerm == null
                    ? Map.of()
                    : search.nameHits(
                            c, rows.stream().map(PersonSearch.Row::personId).toList(), nameTerm);
            long total =
                    rows.isEmpty() ? search.count(c, criteria) : rows.get(0).total();
            return new Page(
                    total,
                    limit,
                    offset,
                    rows.stream()
                            .map(r -> found(r, criteria, hits.getOrDefault(r.personId(), List.of())))
                            .toList());
        });
        audit.record(caller, "SEARCH_PERSONS", terms(criteria, admittedFrom, admittedTo));
        return page;
    }

    private static Found found(PersonSearch.Row r, PersonSearch.Criteria q, List<PersonSearch.NameHit> names) {
        List<Match> why = new ArrayList<>();
        for (PersonSearch.NameHit hit : distinctByName(names)) {
            why.add(new Match("name", nameExplanation(hit, q.name())));
        }
        if (q.sex() != null) {
            why.add(new Match("sex", "性别相符（" + q.sex() + "）"));
        }
        if (q.hometown() != null) {
            why.add(new Match(
                    "hometown",
                    "家乡记录含“" + q.hometown() + "”" + (r.hometown() == null ? "（见身份线索）" : "：" + r.hometown())));
        }
        if (q.ageMin() != null || q.ageMax() != null) {
            why.add(new Match(
                    "age",
                    "现估计年龄 " + r.estimatedAgeNow() + " 岁，在 " + (q.ageMin() == null ? "" : q.ageMin()) + "–"
                            + (q.ageMax() == null ? "" : q.ageMax()) + " 岁之间"));
        }
        if (q.stationId() != null || q.admittedFrom() != null || q.admittedBefore() != null) {
            why.add(new Match(
                    "stay",
                    "有一次入站" + (q.stationId() == null ? "" : "于 " + q.stationId() + " 站")
                            + (q.admittedFrom() == null && q.admittedBefore() == null ? "" : "，日期在所查范围内")));
        }
        return new Found(
                r.personId(),
                r.name(),
                r.sex(),
                r.estimatedAgeNow(),
                r.hometown(),
                r.identityConfirmed() ? "CONFIRMED" : "UNIDENTIFIED",
                r.registeredAt(),
                r.lastStationId(),
                r.lastAdmittedAt(),
                r.lastDischargedAt(),
                r.lastAdmittedAt() != null && r.lastDischargedAt() == null,
                why);
    }

    /** One explanation per matched name, preferring the exact kind of match: characters, then full pinyin, then initials. */
    private static List<PersonSearch.NameHit> distinctByName(List<PersonSearch.NameHit> hits) {
        Map<String, PersonSearch.NameHit> best = new LinkedHashMap<>();
        for (PersonSearch.NameHit hit : hits) {
            best.merge(hit.name(), hit, (a, b) -> rank(a) <= rank(b) ? a : b);
        }
        return List.copyOf(best.values());
    }

    private static int rank(PersonSearch.NameHit hit) {
        return switch (hit.keyKind()) {
            case "FULL" -> 1;
            case "PART" -> 2;
            default -> 3;
        };
    }

    private static String nameExplanation(PersonSearch.NameHit hit, String term) {
        String which = switch (hit.source()) {
            case "NICKNAME" -> "小名";
            case "NAME" -> "听到的姓名";
            case "CONFIRMED" -> "核实的姓名";
            case "CORRECTED" -> "更正后的姓名";
            default -> "登记姓名";
        };
        if (hit.name().contains(term.strip())) {
            return which + "“" + hit.name() + "”含“" + term.strip() + "”";
        }
        String typed = Pinyin.typedKey(term);
        if ("INITIALS".equals(hit.keyKind())) {
            return which + "“" + hit.name() + "”的拼音首字母为 " + hit.key() + "（不计声调）";
        }
        String part = "PART".equals(hit.keyKind()) ? "中一部分" : "";
        return which + "“" + hit.name() + "”" + part + "的拼音 " + hit.key()
                + (hit.key().equals(typed) ? " 与 " : " 以 ") + typed + (hit.key().equals(typed) ? " 相同" : " 开头")
                + "（不计声调）";
    }

    private static String terms(PersonSearch.Criteria q, String admittedFrom, String admittedTo) {
        Map<String, Object> terms = new LinkedHashMap<>();
        terms.put("name", q.name());
        terms.put("sex", q.sex());
        terms.put("hometown", q.hometown());
        terms.put("ageMin", q.ageMin());
        terms.put("ageMax", q.ageMax());
        terms.put("stationId", q.stationId());
        terms.put("admittedFrom", blankToNull(admittedFrom));
        terms.put("admittedTo", blankToNull(admittedTo));
        terms.put("limit", q.limit());
        terms.put("offset", q.offset());
        StringBuilder s = new StringBuilder("persons?");
        terms.forEach((k, v) -> {
            if (v != null) {
                s.append(s.charAt(s.length() - 1) == '?' ? "" : "&")
                        .append(k)
                        .append('=')
                        .append(v);
            }
        });
        return s.toString();
    }

    private static String sex(String sex) {
        if (sex == null || sex.isBlank()) {
            return null;
        }
        try {
            return Sex.valueOf(sex.strip().toUpperCase(Locale.ROOT)).name();
        } catch (IllegalArgumentException e) {
            throw HomewardException.badInput("sex", "must be one of " + Arrays.toString(Sex.values()));
        }
    }

    private static boolean isHan(int codePoint) {
        return Character.UnicodeScript.of(codePoint) == Character.UnicodeScript.HAN;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
