package org.homeward.search.matching;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.homeward.search.division.Divisions;

/**
 * Where a dialect heard is spoken, as division codes: a dialect named after a place (邵阳话, 四川口音)
 * is that place in the division data; a dialect group (湘语, 粤语, 客家话) is the provinces listed in
 * {@code matching/dialect-regions.csv}.
 */
final class Dialects {
    private static final Map<String, Set<String>> GROUPS = load();

    static Set<String> region(String dialect) {
        if (dialect == null || dialect.isBlank()) {
            return Set.of();
        }
        String d = dialect.strip();
        Set<String> codes = new HashSet<>();
        for (Map.Entry<String, Set<String>> group : GROUPS.entrySet()) {
            if (d.contains(group.getKey())) {
                codes.addAll(group.getValue());
            }
        }
        String place = d.replaceAll("(口音|方言|话|腔|人|语)$", "");
        if (place.length() >= 2) {
            codes.addAll(Divisions.get().resolve(place));
        }
        return codes;
    }

    /** 湖南省邵阳市、…: the places of a region, for an explanation. */
    static String describe(Set<String> region) {
        return String.join(
                        "、",
                        region.stream()
                                .sorted()
                                .limit(4)
                                .map(Divisions.get()::fullName)
                                .toList())
                + (region.size() > 4 ? "等地" : "");
    }

    private static Map<String, Set<String>> load() {
        Map<String, String> provinceByName = new HashMap<>();
        // the provinces of the division data, by name
        for (int code = 11; code <= 82; code++) {
            Divisions.get().find(code + "0000").ifPresent(p -> provinceByName.put(p.name(), p.code()));
        }
        Map<String, Set<String>> groups = new HashMap<>();
        try (InputStream in = Dialects.class.getResourceAsStream("/matching/dialect-regions.csv")) {
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] parts = line.split("\\|");
                Set<String> codes = new HashSet<>();
                for (String province : parts[1].split(",")) {
                    String code = provinceByName.get(province.strip());
                    if (code == null) {
                        throw new IllegalStateException(
                                "dialect-regions.csv names " + province + ", not a province of the division data");
                    }
                    codes.add(code);
                }
                for (String name : List.of(parts[0].split(","))) {
                    groups.put(name.strip(), Set.copyOf(codes));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return groups;
    }

    private Dialects() {}
}
