package org.homeward.search.matching;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.homeward.platform.text.Pinyin;
import org.homeward.search.division.Divisions;

/**
 * Scores how likely a resident is the person a missing-person report describes, component by
 * component, each with a sentence a volunteer can check: name (same characters, same sound,
 * surname, nickname), hometown, dialect, sex, age and dates. Pure: no I/O.
 *
 * <p>Points: name up to 40, hometown 25, dialect 5, sex 10, age 10, dates 10 (100 in all).
 * Contradictions (other sex, ages far apart, last seen after the resident was admitted) subtract.
 */
public final class MatchScorer {

    /** What the station knows of a resident: registered name and the fragments heard. */
    public record ResidentProfile(
            UUID personId,
            List<String> names,
            List<String> nicknames,
            String sex,
            Integer estimatedAge,
            List<String> hometowns,
            List<String> dialects,
            LocalDate admittedOn,
            List<String> marks) {
        /** Without distinguishing marks (the description's marks: body location and text, e.g. 左手食指缺一节). */
        public ResidentProfile(
                UUID personId,
                List<String> names,
                List<String> nicknames,
                String sex,
                Integer estimatedAge,
                List<String> hometowns,
                List<String> dialects,
                LocalDate admittedOn) {
            this(personId, names, nicknames, sex, estimatedAge, hometowns, dialects, admittedOn, List.of());
        }
    }

    /** What a report says of the missing person. */
    public record ReportProfile(
            UUID reportId,
            String name,
            List<String> otherNames,
            String sex,
            Integer birthYear,
            Integer ageWhenLastSeen,
            String hometown,
            String hometownCode,
            String dialect,
            LocalDate lastSeenOn,
            String description) {
        /** Without the report's physical description. */
        public ReportProfile(
                UUID reportId,
                String name,
                List<String> otherNames,
                String sex,
                Integer birthYear,
                Integer ageWhenLastSeen,
                String hometown,
                String hometownCode,
                String dialect,
                LocalDate lastSeenOn) {
            this(
                    reportId,
                    name,
                    otherNames,
                    sex,
                    birthYear,
                    ageWhenLastSeen,
                    hometown,
                    hometownCode,
                    dialect,
                    lastSeenOn,
                    null);
        }
    }

    public record Component(String component, int points, int max, String explanation) {}

    public record Score(int score, List<Component> components) {
        public Component component(String name) {
            return components.stream()
                    .filter(c -> c.component().equals(name))
                    .findFirst()
                    .orElseThrow();
        }

        /** Sex, age and dates alone fit thousands: a pair is proposed only when a name, a place or an accent agrees. */
        public boolean identifying() {
            return score > 0
                    && components.stream()
                            .anyMatch(p ->
                                    List.of("name", "hometown", "dialect").contains(p.component()) && p.points() > 0);
        }
    }

    private static final List<String> NICK_PREFIXES = List.of("阿", "小", "老");
    private static final List<String> NICK_SUFFIXES = List.of("伢子", "娃子", "子", "儿", "娃", "仔", "妹", "哥");

    public Score score(ResidentProfile resident, ReportProfile report) {
        List<Component> parts = List.of(
                name(resident, report),
                hometown(resident, report),
                dialect(resident, report),
                sex(resident, report),
                age(resident, report),
                dates(resident, report),
                marks(resident, report));
        int total = parts.stream().mapToInt(Component::points).sum();
        return new Score(Math.max(0, Math.min(100, total)), parts);
    }

    // ---- name ----

    private record NameMatch(int points, String explanation) {}

    Component name(ResidentProfile resident, ReportProfile report) {
        List<String> reported = new ArrayList<>();
        reported.add(report.name());
        reported.addAll(report.otherNames() == null ? List.of() : report.otherNames());
        List<String> names = clean(resident.names());
        List<String> nicknames = clean(resident.nicknames());
        if (names.isEmpty() && nicknames.isEmpty()) {
            return new Component("name", 0, 40, "院内没有记下姓名或小名，无法比对姓名");
        }
        List<NameMatch> matches = new ArrayList<>();
        for (String heard : names) {
            for (String r : clean(reported)) {
                matches.add(fullName(heard, r));
            }
        }
        for (String nick : nicknames) {
            for (String r : clean(reported)) {
                matches.add(nickname(nick, r));
            }
        }
        NameMatch best =
                matches.stream().max(Comparator.comparingInt(NameMatch::points)).orElseThrow();
        if (best.points() == 0) {
            return new Component(
                    "name",
                    0,
                    40,
                    "姓名不同：院内记录" + quoteAll(names, nicknames) + "，登记为" + quoteAll(clean(reported), List.of()));
        }
        return new Component("name", best.points(), 40, best.explanation());
    }

    private static NameMatch fullName(String heard, String reported) {
        if (heard.equals(reported)) {
            return new NameMatch(40, "姓名相同：“" + heard + "”");
        }
        if (Pinyin.sameSound(heard, reported, false)) {
            return new NameMatch(
                    32, "姓名同音：院内记录“" + heard + "”与登记的“" + reported + "”读音相同（" + Pinyin.spoken(reported) + "），名字常是听来的");
        }
        if (Pinyin.sameSound(heard, reported, true)) {
            return new NameMatch(24, "姓名音近：“" + heard + "”与“" + reported + "”在平翘舌、n/l、前后鼻音不分的口音里读音相同");
        }
        if (heard.length() >= 2 && reported.length() >= 2) {
            String heardGiven = heard.substring(1);
            String reportedGiven = reported.substring(1);
            boolean surname = Pinyin.sameSound(heard.charAt(0), reported.charAt(0));
            if (!surname && Pinyin.sameSound(heardGiven, reportedGiven, false)) {
                return new NameMatch(
                        20,
                        "名字“" + heardGiven + "”与“" + reportedGiven + "”同音，姓不同（“" + heard.charAt(0) + "”与“"
                                + reported.charAt(0) + "”）");
            }
            if (surname) {
                return new NameMatch(
                        8,
                        "同姓（"
                                + (heard.charAt(0) == reported.charAt(0)
                                        ? "“" + heard.charAt(0) + "”"
                                        : "“" + heard.charAt(0) + "”与“" + reported.charAt(0) + "”同音")
                                + "），名字不同");
            }
        }
        return new NameMatch(0, "");
    }

    /** 阿强, 小芳, 强伢子, 强强 against 王强 / 李芳: the core of the nickname against the given name. */
    private static NameMatch nickname(String nick, String reported) {
        if (nick.equals(reported)) {
            return new NameMatch(30, "小名“" + nick + "”与登记的名字相同");
        }
        if (Pinyin.sameSound(nick, reported, false)) {
            return new NameMatch(26, "小名“" + nick + "”与登记的“" + reported + "”同音");
        }
        String core = core(nick);
        if (core.isEmpty() || reported.length() < 2) {
            return new NameMatch(0, "");
        }
        String given = reported.substring(1);
        String last = given.substring(given.length() - 1);
        if (core.equals(given) || core.equals(last)) {
            return new NameMatch(
                    24,
                    "小名“" + nick + "”是名字“" + given + "”的常见叫法（“" + core + "”是名字" + (core.equals(given) ? "" : "末字")
                            + "），登记姓名“" + reported + "”");
        }
        if (Pinyin.sameSound(core, given, false) || Pinyin.sameSound(core, last, false)) {
            return new NameMatch(
                    20, "小名“" + nick + "”与名字“" + given + "”同音（" + Pinyin.spoken(core) + "），登记姓名“" + reported + "”");
        }
        return new NameMatch(0, "");
    }

    static String core(String nick) {
        String core = nick;
        for (String p : NICK_PREFIXES) {
            if (core.startsWith(p) && core.length() > p.length()) {
                core = core.substring(p.length());
                break;
            }
        }
        for (String s : NICK_SUFFIXES) {
            if (core.endsWith(s) && core.length() > s.length()) {
                core = core.substring(0, core.length() - s.length());
                break;
            }
        }
        if (core.length() == 2 && core.charAt(0) == core.charAt(1)) { // 强强, 芳芳
            core = core.substring(1);
        }
        return core;
    }

    // ---- hometown ----

    /** By depth of agreement: province, city, county, below the county. */
    private static final int[] HOMETOWN_POINTS = {10, 18, 25, 25};

    Component hometown(ResidentProfile resident, ReportProfile report) {
        List<String> heard = clean(resident.hometowns());
        boolean reportHasPlace =
                (report.hometown() != null && !report.hometown().isBlank()) || report.hometownCode() != null;
        if (!reportHasPlace || heard.isEmpty()) {
            return new Component("hometown", 0, 25, heard.isEmpty() ? "院内没有家乡线索" : "登记没有写家乡");
        }
        Optional<Component> byDivision = byDivision(heard, report);
        // when both sides name divisions, the hierarchy decides; text and sound are for places the data does not name
        boolean bothNamed = !reportDivisions(report).isEmpty()
                && heard.stream()
                        .allMatch(text -> !Divisions.get().resolve(text).isEmpty());
        Component byText =
                bothNamed || report.hometown() == null || report.hometown().isBlank() ? null : byText(heard, report);
        if (byDivision.isPresent() && (byText == null || byDivision.get().points() >= byText.points())) {
            return byDivision.get();
        }
        if (byText != null) {
            return byText;
        }
        return new Component(
                "hometown", 0, 25, "家乡对不上：登记为" + reportPlace(report) + "，院内记录" + quoteAll(heard, List.of()));
    }

    /**
     * Agreement on the administrative hierarchy: the report's division (its code, or the divisions its
     * text names) against those each heard hometown names; the deepest shared unit scores.
     */
    private static Optional<Component> byDivision(List<String> heard, ReportProfile report) {
        Set<String> reported = reportDivisions(report);
        if (reported.isEmpty()) {
            return Optional.empty();
        }
        Divisions divisions = Divisions.get();
        Component best = null;
        boolean anyResolved = false;
        for (String text : heard) {
            for (String mine : divisions.resolve(text)) {
                anyResolved = true;
                for (String theirs : reported) {
                    Optional<Divisions.Division> common = divisions.common(mine, theirs);
                    if (common.isEmpty()) {
                        continue;
                    }
                    Divisions.Division unit = common.get();
                    int points = HOMETOWN_POINTS[unit.level().ordinal()];
                    if (best == null || points > best.points()) {
                        best = new Component(
                                "hometown",
                                points,
                                25,
                                "家乡相符到" + unit.level().word + "：登记" + reportPlace(report) + "与院内记录“" + text + "”同属"
                                        + divisions.fullName(unit.code()) + "（" + unit.code() + "）");
                    }
                }
            }
        }
        if (best == null && anyResolved) {
            return Optional.of(new Component(
                    "hometown",
                    0,
                    25,
                    "家乡不在同一省：登记" + reportPlace(report) + "，院内记录" + quoteAll(heard, List.of()) + "（按行政区划）"));
        }
        return Optional.ofNullable(best);
    }

    static Set<String> reportDivisions(ReportProfile report) {
        if (report.hometownCode() != null
                && Divisions.get().find(report.hometownCode()).isPresent()) {
            return Set.of(report.hometownCode());
        }
        return Divisions.get().resolve(report.hometown());
    }

    private static String reportPlace(ReportProfile report) {
        String text = report.hometown() == null || report.hometown().isBlank() ? null : "“" + report.hometown() + "”";
        if (report.hometownCode() != null
                && Divisions.get().find(report.hometownCode()).isPresent()) {
            String coded = Divisions.get().fullName(report.hometownCode()) + "（" + report.hometownCode() + "）";
            return text == null ? coded : text + "即" + coded;
        }
        return text == null ? "（无）" : text;
    }

    /** The place compared as written, unit by unit, by characters or by sound (for a place only heard: 龙回 for 隆回). */
    private static Component byText(List<String> heard, ReportProfile report) {
        Optional<Component> best = Optional.empty();
        for (String text : heard) {
            Optional<Component> one = containment(
                    PlaceText.units(report.hometown()), text, "登记家乡“" + report.hometown() + "”", "院内记录“" + text + "”");
            Optional<Component> other = containment(
                    PlaceText.units(text), report.hometown(), "院内记录“" + text + "”", "登记家乡“" + report.hometown() + "”");
            for (Optional<Component> c : List.of(one, other)) {
                if (c.isPresent()
                        && (best.isEmpty() || c.get().points() > best.get().points())) {
                    best = c;
                }
            }
        }
        return best.orElse(null);
    }

    /** The deepest unit of {@code units} found in {@code text}, by characters or, a little less, by sound. */
    private static Optional<Component> containment(List<PlaceText.Unit> units, String text, String from, String in) {
        Component best = null;
        int depth = -1;
        for (PlaceText.Unit unit : units) {
            depth = unit.level() == PlaceText.Level.UNKNOWN
                    ? depth + 1
                    : unit.level().ordinal();
            int points = HOMETOWN_POINTS[Math.min(Math.max(depth, 0), 3)];
            Component found = null;
            if (text.contains(unit.stem())) {
                found = new Component(
                        "hometown",
                        points,
                        25,
                        "家乡相符到" + levelWord(unit, depth) + "：" + from + "的“" + unit.written() + "”见于" + in);
            } else if (unit.stem().length() >= 2 && Pinyin.containsSound(text, unit.stem())) {
                found = new Component(
                        "hometown",
                        points - 3,
                        25,
                        "家乡读音相符到" + levelWord(unit, depth) + "：" + from + "的“" + unit.written() + "”（"
                                + Pinyin.spoken(unit.stem()) + "）与" + in + "同音，地名可能是听来的");
            }
            if (found != null && (best == null || found.points() >= best.points())) {
                best = found;
            }
        }
        return Optional.ofNullable(best);
    }

    private static String levelWord(PlaceText.Unit unit, int depth) {
        return unit.level() != PlaceText.Level.UNKNOWN
                ? unit.level().word
                : PlaceText.Level.values()[Math.min(Math.max(depth, 0), 3)].word;
    }

    // ---- dialect ----

    Component dialect(ResidentProfile resident, ReportProfile report) {
        List<String> heard = clean(resident.dialects());
        if (heard.isEmpty()) {
            return new Component("dialect", 0, 5, "院内没有记下口音");
        }
        String reported = (report.dialect() == null ? "" : report.dialect()) + " "
                + (report.hometown() == null ? "" : report.hometown());
        if (reported.isBlank() && report.hometownCode() == null) {
            return new Component("dialect", 0, 5, "登记没有写方言或家乡");
        }
        Set<String> home = reportDivisions(report);
        for (String d : heard) {
            String core = d.replaceAll("(口音|方言|话|腔|人)$", "");
            String said = report.dialect() == null ? null : report.dialect().replaceAll("(口音|方言|话|腔|语)$", "");
            if (!core.isEmpty()
                    && said != null
                    && !said.isEmpty()
                    && (said.contains(core) || core.contains(said) || said.charAt(0) == core.charAt(0))) {
                return new Component("dialect", 5, 5, "口音“" + d + "”与登记的方言“" + report.dialect() + "”相符");
            }
            if (core.length() >= 2
                    && report.hometown() != null
                    && report.hometown().contains(core)) {
                return new Component("dialect", 5, 5, "口音“" + d + "”与登记的家乡“" + report.hometown() + "”相符");
            }
            Set<String> region = Dialects.region(d);
            for (String place : home) {
                for (String area : region) {
                    if (Divisions.get().common(place, area).isPresent()) {
                        return new Component(
                                "dialect",
                                5,
                                5,
                                "口音“" + d + "”通行于" + Dialects.describe(region) + "，与登记家乡" + reportPlace(report) + "同省");
                    }
                }
            }
        }
        return new Component("dialect", 0, 5, "口音" + quoteAll(heard, List.of()) + "与登记的方言或家乡对不上");
    }

    // ---- sex, age, dates ----

    Component sex(ResidentProfile resident, ReportProfile report) {
        if (known(resident.sex()) && known(report.sex())) {
            return resident.sex().equals(report.sex())
                    ? new Component("sex", 10, 10, "性别相同（" + sexWord(report.sex()) + "）")
                    : new Component(
                            "sex", -30, 10, "性别不符：院内为" + sexWord(resident.sex()) + "，登记为" + sexWord(report.sex()));
        }
        return new Component("sex", 0, 10, "一方性别不明");
    }

    Component age(ResidentProfile resident, ReportProfile report) {
        if (resident.estimatedAge() == null || (report.birthYear() == null && report.ageWhenLastSeen() == null)) {
            return new Component("age", 0, 10, "年龄无法比对（一方没有年龄）");
        }
        int year = resident.admittedOn() != null
                ? resident.admittedOn().getYear()
                : report.lastSeenOn().getYear();
        int expected = report.birthYear() != null
                ? year - report.birthYear()
                : report.ageWhenLastSeen() + (year - report.lastSeenOn().getYear());
        int diff = Math.abs(expected - resident.estimatedAge());
        String basis = (report.birthYear() != null
                        ? "登记出生于" + report.birthYear() + "年"
                        : "登记走失时" + report.ageWhenLastSeen() + "岁")
                + "，入站时应约" + expected + "岁，院内估计" + resident.estimatedAge() + "岁";
        if (diff <= 2) {
            return new Component("age", 10, 10, "年龄相符：" + basis);
        } else if (diff <= 5) {
            return new Component("age", 7, 10, "年龄接近（差" + diff + "岁）：" + basis);
        } else if (diff <= 10) {
            return new Component("age", 3, 10, "年龄差" + diff + "岁，估计年龄可能偏差：" + basis);
        }
        return new Component("age", -15, 10, "年龄相差" + diff + "岁，不大可能是同一人：" + basis);
    }

    // ---- distinguishing marks ----

    /** Body parts as people write them, the more precise first (左手食指 before 左手 before 手). */
    private static final List<String> BODY_PARTS = List.of(
            "左手食指", "右手食指", "左手中指", "右手中指", "左手拇指", "右手拇指", "左手小指", "右手小指", "左手无名指", "右手无名指", "左手", "右手", "左臂", "右臂",
            "左腿", "右腿", "左脚", "右脚", "左眼", "右眼", "左耳", "右耳", "左脸", "右脸", "额头", "眉", "鼻", "嘴", "下巴", "脖子", "颈", "胸", "背",
            "腹", "腰", "头", "脸", "食指", "中指", "拇指", "小指", "无名指", "手指", "手", "臂", "腿", "脚", "眼", "耳");
    /** Kinds of mark, each with the words that name it. */
    private static final Map<String, List<String>> MARK_WORDS = Map.of(
            "疤痕",
            List.of("疤"),
            "纹身",
            List.of("纹身", "刺青", "纹"),
            "残指",
            List.of("缺", "断", "少一节", "少了", "残"),
            "胎记",
            List.of("胎记"),
            "痣",
            List.of("痣"),
            "烧烫伤",
            List.of("烧伤", "烫伤", "烧"),
            "截肢",
            List.of("截肢", "假肢"));

    /**
     * A mark the station saw that the family also describes: the same kind of mark on the same part
     * of the body (a left hand is not a right hand). Agreement adds; silence or difference takes nothing.
     */
    Component marks(ResidentProfile resident, ReportProfile report) {
        if (resident.marks().isEmpty()
                || report.description() == null
                || report.description().isBlank()) {
            return new Component("marks", 0, 10, "没有可比对的体貌特征");
        }
        String said = report.description();
        for (String mark : resident.marks()) {
            String kind = MARK_WORDS.entrySet().stream()
                    .filter(e -> e.getValue().stream().anyMatch(mark::contains))
                    .map(Map.Entry::getKey)
                    .findFirst()
                    .orElse(null);
            if (kind == null || MARK_WORDS.get(kind).stream().noneMatch(said::contains)) {
                continue;
            }
            String part = BODY_PARTS.stream().filter(mark::contains).findFirst().orElse(null);
            if (part == null || samePart(part, said)) {
                return new Component(
                        "marks",
                        10,
                        10,
                        "体貌特征相符（" + kind + (part == null ? "" : "，" + part) + "）：站内记录“" + mark + "”，寻人登记写“" + said
                                + "”");
            }
        }
        return new Component("marks", 0, 10, "体貌特征没有相符之处");
    }

    /** The report names the part, or the part without its side while not naming the other side. */
    private static boolean samePart(String part, String said) {
        if (said.contains(part)) {
            return true;
        }
        if (part.startsWith("左") || part.startsWith("右")) {
            String other = (part.startsWith("左") ? "右" : "左") + part.substring(1, 2);
            String generic = part.substring(1, 2);
            return said.contains(generic) && !said.contains(other);
        }
        return false;
    }

    Component dates(ResidentProfile resident, ReportProfile report) {
        if (resident.admittedOn() == null) {
            return new Component("dates", 0, 10, "不知道入站日期，无法比对时间");
        }
        long days = ChronoUnit.DAYS.between(report.lastSeenOn(), resident.admittedOn());
        if (days < 0) {
            return new Component(
                    "dates", -40, 10, "时间矛盾：最后见到是" + report.lastSeenOn() + "，而此人" + resident.admittedOn() + "已入站");
        }
        if (days > 3650) {
            return new Component(
                    "dates",
                    5,
                    10,
                    "最后见到（" + report.lastSeenOn() + "）在入站（" + resident.admittedOn() + "）之前，相隔" + days / 365 + "年");
        }
        return new Component(
                "dates", 10, 10, "最后见到（" + report.lastSeenOn() + "）在入站（" + resident.admittedOn() + "）之前" + days + "天");
    }

    private static boolean known(String sex) {
        return sex != null && !sex.equals("UNKNOWN");
    }

    private static String sexWord(String sex) {
        return "MALE".equals(sex) ? "男" : "FEMALE".equals(sex) ? "女" : "不明";
    }

    private static List<String> clean(List<String> values) {
        return values == null
                ? List.of()
                : values.stream()
                        .filter(v -> v != null && !v.isBlank())
                        .map(String::strip)
                        .distinct()
                        .toList();
    }

    private static String quoteAll(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return String.join("、", all.stream().map(s -> "“" + s + "”").toList());
    }
}
