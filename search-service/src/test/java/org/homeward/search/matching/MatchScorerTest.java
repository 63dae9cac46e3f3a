package org.homeward.search.matching;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import org.homeward.search.matching.MatchScorer.ReportProfile;
import org.homeward.search.matching.MatchScorer.ResidentProfile;
import org.homeward.search.matching.MatchScorer.Score;
import org.junit.jupiter.api.Test;

/** Given residents and reports, when they are scored, then the ranking and the explanations. */
class MatchScorerTest {
    static final LocalDate ADMITTED = LocalDate.of(2018, 3, 1);
    final MatchScorer scorer = new MatchScorer();

    @Test
    void a_homophone_name_with_the_right_county_ranks_first() {
        // given a report for 汪强 from 湖南省邵阳市隆回县
        ReportProfile report = report("汪强", List.of(), "MALE", 1963, "湖南省邵阳市隆回县", null, LocalDate.of(2018, 2, 20));
        // and residents: the name heard as 王强 with the county; the very name but another province; 王强 from the city
        // only
        ResidentProfile rightCounty = resident(List.of("王强"), List.of(), "MALE", 55, List.of("湖南隆回"), List.of());
        ResidentProfile sameNameElsewhere = resident(List.of("汪强"), List.of(), "MALE", 55, List.of("四川南充"), List.of());
        ResidentProfile cityOnly = resident(List.of("王强"), List.of(), "MALE", 55, List.of("湖南邵阳"), List.of());

        // when they are ranked
        List<ResidentProfile> ranked = rank(report, rightCounty, sameNameElsewhere, cityOnly);

        // then the homophone with the right county comes first, and says why
        assertThat(ranked).containsExactly(rightCounty, cityOnly, sameNameElsewhere);
        Score first = scorer.score(rightCounty, report);
        assertThat(first.component("name").explanation())
                .contains("同音")
                .contains("王强")
                .contains("汪强")
                .contains("wang qiang");
        assertThat(first.component("hometown").explanation()).contains("县").contains("隆回");
        assertThat(first.component("hometown").points()).isEqualTo(25);
        assertThat(scorer.score(cityOnly, report).component("hometown").points())
                .isEqualTo(18);
    }

    @Test
    void a_nickname_only_resident_finds_the_report_with_the_full_name() {
        // given a resident known only as 阿强, a man of about 55
        ResidentProfile aQiang = resident(List.of(), List.of("阿强"), "MALE", 55, List.of(), List.of());
        // and three reports
        ReportProfile wangQiang = report("王强", List.of(), "MALE", 1963, "湖南省邵阳市", null, LocalDate.of(2018, 2, 20));
        ReportProfile liFang = report("李芳", List.of(), "FEMALE", 1963, "四川省南充市", null, LocalDate.of(2018, 2, 20));
        ReportProfile zhangWei = report("张伟", List.of(), "MALE", 1963, "河南省周口市", null, LocalDate.of(2018, 2, 20));

        // when the reports are ranked for him, then 王强 comes first because 阿强 is how 王强 is called
        List<ReportProfile> ranked = List.of(liFang, zhangWei, wangQiang).stream()
                .sorted(Comparator.comparingInt(
                                (ReportProfile r) -> scorer.score(aQiang, r).score())
                        .reversed())
                .toList();
        assertThat(ranked.get(0)).isEqualTo(wangQiang);
        assertThat(scorer.score(aQiang, wangQiang).component("name").explanation())
                .contains("小名“阿强”")
                .contains("王强");
        assertThat(scorer.score(aQiang, liFang).component("sex").points()).isNegative();
    }

    @Test
    void nickname_forms_and_near_homophones_are_understood() {
        assertThat(MatchScorer.core("小芳")).isEqualTo("芳");
        assertThat(MatchScorer.core("强伢子")).isEqualTo("强");
        assertThat(MatchScorer.core("芳芳")).isEqualTo("芳");
        ReportProfile liFang = report("李芳", List.of(), "FEMALE", 1990, null, null, LocalDate.of(2018, 2, 20));
        assertThat(scorer.score(resident(List.of(), List.of("小芳"), "FEMALE", 28, List.of(), List.of()), liFang)
                        .component("name")
                        .points())
                .isEqualTo(24);
        // the given name alike, another surname
        assertThat(scorer.score(resident(List.of("牛芳"), List.of(), "FEMALE", 28, List.of(), List.of()), liFang)
                        .component("name")
                        .points())
                .isEqualTo(20);
        // 刘 (liu) heard as 牛 (niu) where n and l merge: near, below a true homophone
        ReportProfile liuFang = report("刘芳", List.of(), "FEMALE", 1990, null, null, LocalDate.of(2018, 2, 20));
        assertThat(scorer.score(resident(List.of("牛芳"), List.of(), "FEMALE", 28, List.of(), List.of()), liuFang)
                        .component("name")
                        .explanation())
                .contains("音近");
    }

    @Test
    void a_place_heard_by_sound_a_dialect_and_the_date_logic_are_explained() {
        ReportProfile report = report("王强", List.of(), "MALE", 1963, "湖南省邵阳市隆回县", "湘语", LocalDate.of(2018, 2, 20));
        Score heard = scorer.score(resident(List.of(), List.of(), "MALE", 55, List.of("龙回"), List.of("湘西口音")), report);
        assertThat(heard.component("hometown").points()).isEqualTo(22);
        assertThat(heard.component("hometown").explanation()).contains("读音").contains("long hui");
        assertThat(heard.component("dialect").points()).isEqualTo(5);

        // last seen after the resident was already in the station: a contradiction that sinks the pair
        ReportProfile later = report("王强", List.of(), "MALE", 1963, null, null, ADMITTED.plusDays(10));
        Score contradiction = scorer.score(resident(List.of("王强"), List.of(), "MALE", 55, List.of(), List.of()), later);
        assertThat(contradiction.component("dates").points()).isEqualTo(-40);
        assertThat(contradiction.component("dates").explanation()).contains("时间矛盾");
        assertThat(contradiction.score())
                .isLessThan(scorer.score(resident(List.of("王强"), List.of(), "MALE", 55, List.of(), List.of()), report)
                        .score());

        // ages far apart
        assertThat(scorer.score(resident(List.of("王强"), List.of(), "MALE", 25, List.of(), List.of()), report)
                        .component("age")
                        .explanation())
                .contains("相差30岁");
    }

    private List<ResidentProfile> rank(ReportProfile report, ResidentProfile... residents) {
        return List.of(residents).stream()
                .sorted(Comparator.comparingInt(
                                (ResidentProfile r) -> scorer.score(r, report).score())
                        .reversed())
                .toList();
    }

    @Test
    void hometown_and_dialect_agree_on_the_administrative_hierarchy() {
        // given a report that gives only the county code 430524 (湖南省邵阳市隆回县)
        ReportProfile coded = new ReportProfile(
                UUID.randomUUID(),
                "王强",
                List.of(),
                "MALE",
                1963,
                null,
                null,
                "430524",
                null,
                LocalDate.of(2018, 2, 20));
        // when residents who said "隆回", "邵阳" (the city), "湖南" (the province) or "四川南充" are scored
        Score county = scorer.score(resident(List.of("王强"), List.of(), "MALE", 55, List.of("隆回"), List.of()), coded);
        Score city = scorer.score(resident(List.of("王强"), List.of(), "MALE", 55, List.of("邵阳"), List.of()), coded);
        Score province = scorer.score(resident(List.of("王强"), List.of(), "MALE", 55, List.of("湖南"), List.of()), coded);
        Score elsewhere =
                scorer.score(resident(List.of("王强"), List.of(), "MALE", 55, List.of("四川南充"), List.of()), coded);

        // then the deeper the shared unit, the more points, each saying which unit
        assertThat(county.component("hometown").points()).isEqualTo(25);
        assertThat(county.component("hometown").explanation())
                .contains("湖南省邵阳市隆回县")
                .contains("430524");
        assertThat(city.component("hometown").points()).isEqualTo(18);
        assertThat(city.component("hometown").explanation()).contains("同属湖南省邵阳市");
        assertThat(province.component("hometown").points()).isEqualTo(10);
        assertThat(elsewhere.component("hometown").points()).isZero();
        assertThat(elsewhere.component("hometown").explanation()).contains("不在同一省");

        // and a dialect is consistent when it is spoken in the hometown's region: by its place (邵阳话) or its group (湘语)
        ReportProfile bySound = report("王强", List.of(), "MALE", 1963, "湖南省邵阳市隆回县", null, LocalDate.of(2018, 2, 20));
        Score placeDialect =
                scorer.score(resident(List.of(), List.of("阿强"), "MALE", 55, List.of(), List.of("邵阳话")), coded);
        Score groupDialect =
                scorer.score(resident(List.of(), List.of("阿强"), "MALE", 55, List.of(), List.of("湘语")), bySound);
        Score otherDialect =
                scorer.score(resident(List.of(), List.of("阿强"), "MALE", 55, List.of(), List.of("粤语")), bySound);
        assertThat(placeDialect.component("dialect").points()).isEqualTo(5);
        assertThat(placeDialect.component("dialect").explanation()).contains("湖南省邵阳市");
        assertThat(groupDialect.component("dialect").points()).isEqualTo(5);
        assertThat(otherDialect.component("dialect").points()).isZero();
    }

    @Test
    void a_mark_the_family_describes_on_the_same_part_of_the_body_adds_with_its_reason() {
        ResidentProfile withMark = new ResidentProfile(
                UUID.randomUUID(),
                List.of("王强"),
                List.of(),
                "MALE",
                55,
                List.of(),
                List.of(),
                ADMITTED,
                List.of("左手食指缺一节", "右前臂纹“忍”字"));
        ReportProfile sameHand = new ReportProfile(
                UUID.randomUUID(),
                "汪强",
                List.of(),
                "MALE",
                1963,
                null,
                null,
                null,
                null,
                LocalDate.of(2018, 2, 20),
                "个子不高，左手缺一根手指");
        ReportProfile otherHand = new ReportProfile(
                UUID.randomUUID(),
                "汪强",
                List.of(),
                "MALE",
                1963,
                null,
                null,
                null,
                null,
                LocalDate.of(2018, 2, 20),
                "右手少一节手指");
        ReportProfile tattoo = new ReportProfile(
                UUID.randomUUID(),
                "汪强",
                List.of(),
                "MALE",
                1963,
                null,
                null,
                null,
                null,
                LocalDate.of(2018, 2, 20),
                "胳膊上有纹身");
        ReportProfile silent = new ReportProfile(
                UUID.randomUUID(),
                "汪强",
                List.of(),
                "MALE",
                1963,
                null,
                null,
                null,
                null,
                LocalDate.of(2018, 2, 20),
                null);

        MatchScorer.Component same = scorer.score(withMark, sameHand).component("marks");
        assertThat(same.points()).isEqualTo(10);
        assertThat(same.explanation()).contains("残指", "左手食指", "左手缺一根手指");
        assertThat(scorer.score(withMark, otherHand).component("marks").points())
                .isZero();
        assertThat(scorer.score(withMark, tattoo).component("marks").points())
                .isZero(); // a tattoo, but the report does not name the arm as 臂
        assertThat(scorer.score(withMark, silent).component("marks").points()).isZero();
        assertThat(scorer.score(withMark, sameHand).score())
                .isEqualTo(scorer.score(withMark, silent).score() + 10);
    }

    private static ResidentProfile resident(
            List<String> names,
            List<String> nicknames,
            String sex,
            Integer age,
            List<String> hometowns,
            List<String> dialects) {
        return new ResidentProfile(UUID.randomUUID(), names, nicknames, sex, age, hometowns, dialects, ADMITTED);
    }

    private static ReportProfile report(
            String name,
            List<String> otherNames,
            String sex,
            Integer birthYear,
            String hometown,
            String dialect,
            LocalDate lastSeen) {
        return new ReportProfile(
                UUID.randomUUID(), name, otherNames, sex, birthYear, null, hometown, null, dialect, lastSeen);
    }
}
