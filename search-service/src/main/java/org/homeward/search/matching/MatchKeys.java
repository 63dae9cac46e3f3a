package org.homeward.search.matching;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.homeward.platform.text.Pinyin;
import org.homeward.search.division.Divisions;

/**
 * Blocking keys: the few pairs worth scoring out of a million are those that share a key. A key
 * joins a sound or a place with the sex and a five-year birth band, so that one key holds hundreds
 * of reports rather than tens of thousands (ADR 0015 gives the measurements). Sounds are tone-less
 * pinyin in a merging accent (zh/z, n/l, an/ang… alike), one per reading of a polyphone:
 * <ul>
 *   <li>{@code n:} the full name's sound (王强, 汪强 → {@code wan qian});</li>
 *   <li>{@code g:} the given name's sound (王小明 → {@code xiao min}; 阿强's core 强 → {@code qian});</li>
 *   <li>{@code l:} the sound of the given name's last character, which a nickname keeps (王小强 → {@code qian});</li>
 *   <li>{@code gp:}, {@code lp:} the same within a province ({@code qian/43}): a one-character sound alone
 *       would select every 强 of a band;</li>
 *   <li>{@code d:} the county and the city of a hometown (430524, 430500); a province alone is too broad.</li>
 * </ul>
 * Both sides store every key they have. A side looks the other up by its selective keys only: the
 * full name, a given name of two characters or more, a given name or nickname within each province
 * its hometown or accent names, the county and city. Only a side that names no province at all
 * falls back to a lone given-name or nickname sound. A side asks in every band its age allows
 * (±{@value #AGE_SLACK} years) and in band {@code ?} (no age known), for its sex and for unknown sex.
 */
public final class MatchKeys {

    /** Years either side of a birth year that the other side's birth year may be. */
    static final int AGE_SLACK = 10;

    private static final int BAND = 5;

    /** The keys a report is found by. */
    public static Set<String> ofReport(MatchScorer.ReportProfile r) {
        return banded(reportBases(r, false), r.sex(), reportBorn(r), false);
    }

    /** The keys to look up the residents a report may describe. */
    public static Set<String> forReport(MatchScorer.ReportProfile r) {
        return banded(reportBases(r, true), r.sex(), reportBorn(r), true);
    }

    /** The keys a resident is found by. */
    public static Set<String> ofResident(MatchScorer.ResidentProfile p) {
        return banded(residentBases(p, false), p.sex(), residentBorn(p), false);
    }

    /** The keys to look up the reports that may describe a resident. */
    public static Set<String> forResident(MatchScorer.ResidentProfile p) {
        return banded(residentBases(p, true), p.sex(), residentBorn(p), true);
    }

    private static Integer reportBorn(MatchScorer.ReportProfile r) {
        return r.birthYear() != null
                ? r.birthYear()
                : r.ageWhenLastSeen() != null && r.lastSeenOn() != null
                        ? r.lastSeenOn().getYear() - r.ageWhenLastSeen()
                        : null;
    }

    private static Integer residentBorn(MatchScorer.ResidentProfile p) {
        return p.estimatedAge() == null
                ? null
                : (p.admittedOn() != null ? p.admittedOn() : LocalDate.now()).getYear() - p.estimatedAge();
    }

    private static Set<String> reportBases(MatchScorer.ReportProfile r, boolean lookup) {
        Set<String> places = MatchScorer.reportDivisions(r);
        if (r.dialect() != null) {
            places = new LinkedHashSet<>(places);
            places.addAll(Dialects.region(r.dialect()));
        }
        List<String> names = new ArrayList<>();
        List<String> nicknames = new ArrayList<>();
        for (String name : clean(Stream.concat(
                        Stream.of(r.name()), r.otherNames() == null ? Stream.<String>empty() : r.otherNames().stream())
                .toList())) {
            (isNickname(name) ? nicknames : names).add(name);
        }
        return bases(names, nicknames, places, lookup);
    }

    private static Set<String> residentBases(MatchScorer.ResidentProfile p, boolean lookup) {
        Set<String> places = new LinkedHashSet<>();
        for (String hometown : clean(p.hometowns())) {
            places.addAll(Divisions.get().resolve(hometown));
        }
        for (String dialect : clean(p.dialects())) {
            places.addAll(Dialects.region(dialect));
        }
        return bases(clean(p.names()), clean(p.nicknames()), places, lookup);
    }

    private static Set<String> bases(List<String> names, List<String> nicknames, Set<String> places, boolean lookup) {
        Set<String> provinces = new LinkedHashSet<>();
        Set<String> keys = new LinkedHashSet<>();
        for (String code : places) {
            for (Divisions.Division d : Divisions.get().chain(code)) {
                if (d.level() == Divisions.Level.PROVINCE) {
                    provinces.add(d.code().substring(0, 2));
                } else {
                    keys.add("d:" + d.code());
                }
            }
        }
        for (String name : names) {
            String given = name.length() >= 2 ? name.substring(1) : name;
            sounds(name).forEach(s -> keys.add("n:" + s));
            if (!lookup || given.length() >= 2) {
                sounds(given).forEach(s -> keys.add("g:" + s));
            }
            soundKeys(keys, given, provinces, lookup, false);
        }
        for (String nick : nicknames) {
            soundKeys(keys, MatchScorer.core(nick), provinces, lookup, true);
        }
        return keys;
    }

    /** A given name (or a nickname's core) and its last character, alone and within each province. */
    private static void soundKeys(
            Set<String> keys, String given, Set<String> provinces, boolean lookup, boolean nickname) {
        if (given.isEmpty()) {
            return;
        }
        Set<String> whole = sounds(given);
        Set<String> last = sounds(given.substring(given.length() - 1));
        boolean alone = !lookup || (provinces.isEmpty() && (nickname || given.length() == 1));
        for (String s : whole) {
            if (alone) {
                keys.add("g:" + s);
            }
            for (String p : provinces) {
                keys.add("gp:" + s + "/" + p);
            }
        }
        if (lookup && !nickname) {
            return; // a full name heard is not looked up by its last character: 王小强 for a report's 阿强 is rare
        }
        for (String s : last) {
            if (alone) {
                keys.add("l:" + s);
            }
            for (String p : provinces) {
                keys.add("lp:" + s + "/" + p);
            }
        }
    }

    /** The stored keys in the own band; the lookup keys in every band within the slack and in band {@code ?}. */
    private static Set<String> banded(Set<String> bases, String sex, Integer born, boolean lookup) {
        List<String> sexes = !lookup
                ? List.of(sex(sex))
                : "MALE".equals(sex) || "FEMALE".equals(sex) ? List.of(sex(sex), "U") : List.of("M", "F", "U");
        Set<String> bands = new LinkedHashSet<>();
        if (!lookup) {
            bands.add(born == null ? "?" : String.valueOf(Math.floorDiv(born, BAND)));
        } else {
            bands.add("?");
            int from = born == null ? 1900 : born - AGE_SLACK;
            int to = born == null ? LocalDate.now().getYear() : born + AGE_SLACK;
            for (int y = from; y <= to; y++) {
                bands.add(String.valueOf(Math.floorDiv(y, BAND)));
            }
        }
        Set<String> keys = new LinkedHashSet<>();
        for (String base : bases) {
            for (String s : sexes) {
                for (String band : bands) {
                    keys.add(base + "|" + s + "|" + band);
                }
            }
        }
        return keys;
    }

    /** 阿强, 小芳, 强强, 强伢子: a nickname form (not a surname followed by a given name). */
    private static boolean isNickname(String name) {
        return name.length() <= 4 && MatchScorer.core(name).length() < name.length();
    }

    /** The merged-accent sound of a text, one per combination of readings (at most eight). */
    private static Set<String> sounds(String text) {
        Set<String> out = new LinkedHashSet<>(List.of(""));
        for (char c : text.toCharArray()) {
            Set<String> next = new LinkedHashSet<>();
            for (String prefix : out) {
                for (String reading : Pinyin.readings(c)) {
                    if (next.size() < 8) {
                        next.add(prefix.isEmpty() ? Pinyin.fuzzy(reading) : prefix + " " + Pinyin.fuzzy(reading));
                    }
                }
            }
            out = next;
        }
        out.remove("");
        return out;
    }

    private static String sex(String sex) {
        return "MALE".equals(sex) ? "M" : "FEMALE".equals(sex) ? "F" : "U";
    }

    private static List<String> clean(List<String> values) {
        return values == null
                ? List.of()
                : values.stream()
                        .filter(v -> v != null && !v.isBlank())
                        .map(String::strip)
                        .toList();
    }

    private MatchKeys() {}
}
