package org.homeward.search.evaluation;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import org.homeward.platform.text.Pinyin;
import org.homeward.search.division.Divisions;
import org.homeward.search.division.Divisions.Division;
import org.homeward.search.matching.MatchScorer.ReportProfile;
import org.homeward.search.matching.MatchScorer.ResidentProfile;

/**
 * Labelled synthetic people, seeded: for each person the family's missing-person report and what
 * a station knows of the same person as a resident, with the noise of real intake — a name only
 * heard (homophone, near-homophone in a merging accent), a nickname only, no name at all, a coarse
 * or wrong hometown, only an accent, an age estimated years off, missing fields. Reports of other
 * people (distractors) come from the same distributions, so homonyms and neighbours occur.
 *
 * <p>Names draw on the common surnames and given-name characters below (a generator's vocabulary,
 * not matching data); places on every county of the division data set.
 */
public final class SyntheticPeople {

    /** The noise applied to a resident, by kind; a resident carries one name noise and one place noise. */
    public enum Noise {
        NAME_EXACT,
        NAME_HOMOPHONE,
        NAME_NEAR_HOMOPHONE,
        NICKNAME_ONLY,
        NO_NAME,
        HOMETOWN_COUNTY,
        HOMETOWN_COARSE,
        HOMETOWN_WRONG,
        DIALECT_ONLY,
        NO_HOMETOWN,
        AGE_OFF_BY_YEARS,
        SEX_UNKNOWN
    }

    public record Pair(ResidentProfile resident, ReportProfile report, Set<Noise> noise) {}

    public record DataSet(List<Pair> pairs, List<ReportProfile> reports) {}

    private static final String SURNAMES =
            "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕" + "丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤";
    private static final String MALE_GIVEN = "伟强军勇杰涛斌明超辉刚平华建国志文波峰林海龙东亮新春生金宝荣德成富贵福山永红兵俊飞鹏";
    private static final String FEMALE_GIVEN = "芳娟敏静丽艳秀英华玉兰霞燕红梅琴云莲珍凤桂娥翠萍春花美娇秀丽婷慧";
    private static final String NICK_PREFIXES = "阿小";

    private final Random random;
    private final List<Division> counties;
    private final Map<String, List<Character>> bySound = new HashMap<>();
    private final Map<String, List<Character>> byNearSound = new HashMap<>();

    public SyntheticPeople(long seed) {
        this.random = new Random(seed);
        this.counties = Divisions.get().all(Divisions.Level.COUNTY);
        // homophones among the common characters and the characters of the basic CJK block
        String pool = SURNAMES + MALE_GIVEN + FEMALE_GIVEN;
        for (char c : pool.toCharArray()) {
            index(c);
        }
        for (char c = 0x4E00; c < 0x6000; c++) {
            if (Pinyin.readings(c).size() == 1
                    && !Pinyin.readings(c).iterator().next().equals(String.valueOf(c))) {
                index(c);
            }
        }
    }

    private void index(char c) {
        for (String r : Pinyin.readings(c)) {
            List<Character> same = bySound.computeIfAbsent(r, k -> new ArrayList<>());
            if (!same.contains(c)) {
                same.add(c);
            }
            List<Character> near = byNearSound.computeIfAbsent(Pinyin.fuzzy(r), k -> new ArrayList<>());
            if (!near.contains(c)) {
                near.add(c);
            }
        }
    }

    /** {@code persons} labelled pairs and {@code distractors} reports of other people, all reports shuffled together. */
    public DataSet generate(int persons, int distractors) {
        List<Pair> pairs = new ArrayList<>();
        List<ReportProfile> reports = new ArrayList<>();
        for (int i = 0; i < persons; i++) {
            Person p = person();
            ReportProfile report = report(p);
            Set<Noise> noise = EnumSet.noneOf(Noise.class);
            ResidentProfile resident = resident(p, noise);
            pairs.add(new Pair(resident, report, noise));
            reports.add(report);
        }
        for (int i = 0; i < distractors; i++) {
            reports.add(report(person()));
        }
        Collections.shuffle(reports, random);
        return new DataSet(pairs, reports);
    }

    /** The truth about one person. */
    public record Person(
            String name,
            String nickname,
            String sex,
            int birthYear,
            Division county,
            LocalDate lastSeenOn,
            LocalDate admittedOn) {}

    public Person person() {
        boolean male = random.nextInt(100) < 65; // most people found on the street are men
        String chars = male ? MALE_GIVEN : FEMALE_GIVEN;
        String given = String.valueOf(pick(chars)) + (random.nextInt(100) < 55 ? String.valueOf(pick(chars)) : "");
        String name = pick(SURNAMES) + given;
        String last = given.substring(given.length() - 1);
        String nickname = random.nextBoolean() ? NICK_PREFIXES.charAt(random.nextInt(2)) + last : last + last;

        LocalDate lastSeen = LocalDate.of(2014, 1, 1).plusDays(random.nextInt(5 * 365));
        LocalDate admitted = lastSeen.plusDays(1 + random.nextInt(random.nextInt(100) < 70 ? 60 : 1000));
        int birthYear = 1940 + random.nextInt(65);
        return new Person(
                name,
                nickname,
                male ? "MALE" : "FEMALE",
                birthYear,
                counties.get(random.nextInt(counties.size())),
                lastSeen,
                admitted);
    }

    /** What the family reports: the true name, sometimes the nickname too, the hometown more or less precisely. */
    public ReportProfile report(Person p) {
        List<String> otherNames = random.nextInt(100) < 30 ? List.of(p.nickname()) : List.of();
        int r = random.nextInt(100);
        Integer birthYear = r < 70 ? p.birthYear() : null;
        Integer ageWhenLastSeen = r >= 70 && r < 95 ? p.lastSeenOn().getYear() - p.birthYear() : null;
        String full = Divisions.get().fullName(p.county().code());
        int h = random.nextInt(100);
        String hometown = h < 75 ? full : h < 90 ? cityText(p.county()) : null;
        String code = h < 50 ? p.county().code() : null;
        String dialect = random.nextInt(100) < 25 ? dialectOf(p.county()) : null;
        return new ReportProfile(
                id(),
                p.name(),
                otherNames,
                p.sex(),
                birthYear,
                ageWhenLastSeen,
                hometown,
                code,
                dialect,
                p.lastSeenOn());
    }

    /** What a station knows of the person: one kind of name noise, one kind of place noise, an estimated age. */
    public ResidentProfile resident(Person p, Set<Noise> noise) {
        List<String> names = new ArrayList<>();
        List<String> nicknames = new ArrayList<>();
        int n = random.nextInt(100);
        if (n < 30) {
            names.add(p.name());
            noise.add(Noise.NAME_EXACT);
        } else if (n < 52) {
            names.add(replaceOne(p.name(), false));
            noise.add(Noise.NAME_HOMOPHONE);
        } else if (n < 62) {
            names.add(replaceOne(p.name(), true));
            noise.add(Noise.NAME_NEAR_HOMOPHONE);
        } else if (n < 88) {
            nicknames.add(p.nickname());
            noise.add(Noise.NICKNAME_ONLY);
        } else {
            noise.add(Noise.NO_NAME);
        }
        List<String> hometowns = new ArrayList<>();
        List<String> dialects = new ArrayList<>();
        int h = random.nextInt(100);
        if (h < 35) {
            hometowns.add(
                    random.nextBoolean()
                            ? p.county().stem()
                            : provinceOf(p.county()).stem() + p.county().stem());
            noise.add(Noise.HOMETOWN_COUNTY);
        } else if (h < 60) {
            hometowns.add(random.nextBoolean() ? provinceOf(p.county()).stem() : cityText(p.county()));
            noise.add(Noise.HOMETOWN_COARSE);
        } else if (h < 70) {
            hometowns.add(counties.get(random.nextInt(counties.size())).stem());
            noise.add(Noise.HOMETOWN_WRONG);
        } else if (h < 85) {
            dialects.add(dialectOf(p.county()));
            noise.add(Noise.DIALECT_ONLY);
        } else {
            noise.add(Noise.NO_HOMETOWN);
        }
        int trueAge = p.admittedOn().getYear() - p.birthYear();
        int a = random.nextInt(100);
        int off = a < 70
                ? random.nextInt(5) - 2
                : (random.nextBoolean() ? 1 : -1) * (3 + random.nextInt(a < 90 ? 4 : 10));
        if (Math.abs(off) > 2) {
            noise.add(Noise.AGE_OFF_BY_YEARS);
        }
        String sex = p.sex();
        if (random.nextInt(100) < 3) {
            sex = "UNKNOWN";
            noise.add(Noise.SEX_UNKNOWN);
        }
        return new ResidentProfile(
                id(), names, nicknames, sex, Math.max(1, trueAge + off), hometowns, dialects, p.admittedOn());
    }

    /** The name with one character (given name first) replaced by another read the same (or, {@code near}, alike). */
    private String replaceOne(String name, boolean near) {
        for (int attempt = 0; attempt < 6; attempt++) {
            int i = attempt < 4 ? 1 + random.nextInt(name.length() - 1) : 0;
            char c = name.charAt(i);
            String reading = Pinyin.readings(c).iterator().next();
            List<Character> options = new ArrayList<>(
                    near
                            ? byNearSound.getOrDefault(Pinyin.fuzzy(reading), List.of())
                            : bySound.getOrDefault(reading, List.of()));
            options.removeIf(o -> o == c || (near && Pinyin.readings(o).contains(reading)));
            if (!options.isEmpty()) {
                return name.substring(0, i) + options.get(random.nextInt(options.size())) + name.substring(i + 1);
            }
        }
        return name;
    }

    private static Division provinceOf(Division county) {
        return Divisions.get().chain(county.code()).get(0);
    }

    /** 湖南邵阳: province and city as said, or the province alone for a county directly under it. */
    private static String cityText(Division county) {
        List<Division> chain = Divisions.get().chain(county.code());
        return chain.get(0).stem() + (chain.size() > 2 ? chain.get(1).stem() : "");
    }

    /** 邵阳话 (the city's speech) or 湖南口音 (the province's accent). */
    private String dialectOf(Division county) {
        List<Division> chain = Divisions.get().chain(county.code());
        return chain.size() > 2 && random.nextBoolean()
                ? chain.get(1).stem() + "话"
                : chain.get(0).stem() + "口音";
    }

    /** Ids from the seed too, so that ties rank the same on every run. */
    private UUID id() {
        return new UUID(random.nextLong(), random.nextLong());
    }

    private char pick(String chars) {
        return chars.charAt(random.nextInt(chars.length()));
    }
}
