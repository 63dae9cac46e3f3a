package org.homeward.search.matching;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.homeward.platform.text.Pinyin;
import org.homeward.search.division.Divisions;

/**
 * Blocking keys: the few pairs worth scoring out of a million are those that share a key. A key
 * joins a sound or a place with the sex and a five-year birth band, so that one key holds hundreds
 * of reports rather than tens of thousands (ADR 0015 gives the measurements):
 * <ul>
 *   <li>{@code g:} the given name's sound in a merging accent (汪强, 王强 and 阿强's core 强 → {@code qian});</li>
 *   <li>{@code l:} the sound of the given name's last character (王小强 → {@code qian}), which a nickname keeps;</li>
 *   <li>{@code d:} the county and the city of the hometown (430524, 430500); a province alone is too broad.</li>
 * </ul>
 * A report stores its keys; a resident asks for its keys in every band its estimated age allows and,
 * if its sex is unknown, for both sexes. A report without a birth year or age sits in band {@code ?},
 * which every resident asks for too.
 */
public final class MatchKeys {

    /** Years either side of a resident's estimated birth year that a report's birth year may be. */
    static final int AGE_SLACK = 7;
    private static final int BAND = 5;

    /** The keys a report is found by. */
    public static Set<String> ofReport(MatchScorer.ReportProfile r) {
        return stored(reportBases(r), r.sex(), reportBorn(r));
    }

    /** The keys to look up the residents a report may describe. */
    public static Set<String> forReport(MatchScorer.ReportProfile r) {
        return lookup(reportBases(r), r.sex(), reportBorn(r));
    }

    /** The keys a resident is found by. */
    public static Set<String> ofResident(MatchScorer.ResidentProfile p) {
        return stored(residentBases(p), p.sex(), residentBorn(p));
    }

    /** The keys to look up the reports that may describe a resident. */
    public static Set<String> forResident(MatchScorer.ResidentProfile p) {
        return lookup(residentBases(p), p.sex(), residentBorn(p));
    }

    private static Integer reportBorn(MatchScorer.ReportProfile r) {
        return r.birthYear() != null ? r.birthYear()
                : r.ageWhenLastSeen() != null && r.lastSeenOn() != null ? r.lastSeenOn().getYear() - r.ageWhenLastSeen() : null;
    }

    private static Integer residentBorn(MatchScorer.ResidentProfile p) {
        return p.estimatedAge() == null ? null
                : (p.admittedOn() != null ? p.admittedOn() : LocalDate.now()).getYear() - p.estimatedAge();
    }

    private static Set<String> reportBases(MatchScorer.ReportProfile r) {
        Set<String> bases = new LinkedHashSet<>(nameKeys(r.name(), false));
        for (String other : clean(r.otherNames())) {
            bases.addAll(nameKeys(other, false));
        }
        bases.addAll(placeKeys(MatchScorer.reportDivisions(r)));
        return bases;
    }

    private static Set<String> residentBases(MatchScorer.ResidentProfile p) {
        Set<String> bases = new LinkedHashSet<>();
        for (String name : clean(p.names())) {
            bases.addAll(nameKeys(name, false));
        }
        for (String nick : clean(p.nicknames())) {
            bases.addAll(nameKeys(nick, true));
        }
        Set<String> places = new LinkedHashSet<>();
        for (String hometown : clean(p.hometowns())) {
            places.addAll(Divisions.get().resolve(hometown));
        }
        for (String dialect : clean(p.dialects())) {
            places.addAll(Dialects.region(dialect));
        }
        bases.addAll(placeKeys(places));
        return bases;
    }

    private static Set<String> stored(Set<String> bases, String sex, Integer born) {
        String band = born == null ? "?" : String.valueOf(Math.floorDiv(born, BAND));
        Set<String> keys = new LinkedHashSet<>();
        for (String base : bases) {
            keys.add(base + "|" + sex(sex) + "|" + band);
        }
        return keys;
    }

    /** The other side's keys that may match: its sex or unknown, its band within the age slack or unknown. */
    private static Set<String> lookup(Set<String> bases, String sex, Integer born) {
        List<String> sexes = "MALE".equals(sex) || "FEMALE".equals(sex) ? List.of(sex(sex), "U") : List.of("M", "F", "U");
        Set<String> bands = new LinkedHashSet<>();
        bands.add("?");
        int from = born == null ? 1900 : born - AGE_SLACK;
        int to = born == null ? LocalDate.now().getYear() : born + AGE_SLACK;
        for (int y = from; y <= to; y++) {
            bands.add(String.valueOf(Math.floorDiv(y, BAND)));
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

    private static Set<String> nameKeys(String name, boolean nickname) {
        Set<String> keys = new LinkedHashSet<>();
        if (name == null || name.isBlank()) {
            return keys;
        }
        String n = name.strip();
        String given;
        // 阿强, 小芳: a nickname form keeps only its core; otherwise the first character is taken as the surname
        if (nickname || (n.length() <= 3 && "阿小老".indexOf(n.charAt(0)) >= 0 && MatchScorer.core(n).length() < n.length())) {
            given = MatchScorer.core(n);
        } else {
            given = n.length() >= 2 ? n.substring(1) : n;
        }
        if (given.isEmpty()) {
            return keys;
        }
        for (String s : sounds(given)) {
            keys.add("g:" + s);
        }
        for (String s : sounds(given.substring(given.length() - 1))) {
            keys.add("l:" + s);
        }
        return keys;
    }

    /** The merged-accent sound of a text, one per combination of readings (at most a few). */
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

    private static Set<String> placeKeys(Set<String> codes) {
        Set<String> keys = new LinkedHashSet<>();
        for (String code : codes) {
            for (Divisions.Division d : Divisions.get().chain(code)) {
                if (d.level() != Divisions.Level.PROVINCE) {
                    keys.add("d:" + d.code());
                }
            }
        }
        return keys;
    }

    private static String sex(String sex) {
        return "MALE".equals(sex) ? "M" : "FEMALE".equals(sex) ? "F" : "U";
    }

    private static List<String> clean(List<String> values) {
        return values == null ? List.of() : values.stream().filter(v -> v != null && !v.isBlank()).toList();
    }

    private MatchKeys() {
    }
}
