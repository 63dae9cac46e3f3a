package org.homeward.search.matching;

import java.util.ArrayList;
import java.util.List;

/**
 * A hometown as written (湖南省邵阳市隆回县) split into its administrative units by their suffixes,
 * each with its level. Text without suffixes (湖南邵阳) stays one unit of unknown level: it is then
 * searched for the other side's units rather than split.
 */
final class PlaceText {
    enum Level {
        PROVINCE("省"),
        CITY("市"),
        COUNTY("县"),
        TOWN("乡镇"),
        UNKNOWN("地方");

        final String word;

        Level(String word) {
            this.word = word;
        }
    }

    record Unit(String stem, String written, Level level) {}

    private static final List<String> LONG_SUFFIXES = List.of("特别行政区", "自治区", "自治州", "自治县", "地区", "街道");

    static List<Unit> units(String text) {
        List<Unit> units = new ArrayList<>();
        if (text == null) {
            return units;
        }
        String rest = text.strip().replaceAll("[\\s,，、/]", "");
        StringBuilder current = new StringBuilder();
        int i = 0;
        while (i < rest.length()) {
            String suffix = null;
            for (String s : LONG_SUFFIXES) {
                if (rest.startsWith(s, i) && current.length() > 0) {
                    suffix = s;
                    break;
                }
            }
            if (suffix == null && current.length() > 0 && "省市州盟县区旗镇乡村".indexOf(rest.charAt(i)) >= 0) {
                suffix = String.valueOf(rest.charAt(i));
                // 广州市, 贵州省: 州 belongs to the name when a unit suffix follows it
                if (suffix.equals("州") && i + 1 < rest.length() && "省市".indexOf(rest.charAt(i + 1)) >= 0) {
                    suffix = null;
                }
            }
            if (suffix == null) {
                current.append(rest.charAt(i));
                i++;
                continue;
            }
            String stem = current.toString();
            units.add(new Unit(stem.length() < 2 ? stem + suffix : stem, stem + suffix, level(suffix, units)));
            current.setLength(0);
            i += suffix.length();
        }
        if (current.length() >= 2) {
            units.add(new Unit(current.toString(), current.toString(), Level.UNKNOWN));
        }
        return units;
    }

    private static Level level(String suffix, List<Unit> before) {
        return switch (suffix) {
            case "省", "自治区", "特别行政区" -> Level.PROVINCE;
            case "市", "州", "盟", "自治州", "地区" ->
                before.stream().anyMatch(u -> u.level() == Level.CITY) ? Level.COUNTY : Level.CITY;
            case "县", "区", "旗", "自治县" -> Level.COUNTY;
            default -> Level.TOWN;
        };
    }

    private PlaceText() {}
}
