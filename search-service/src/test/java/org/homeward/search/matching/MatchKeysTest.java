package org.homeward.search.matching;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.homeward.search.matching.MatchScorer.ReportProfile;
import org.homeward.search.matching.MatchScorer.ResidentProfile;
import org.junit.jupiter.api.Test;

/** Given a report and a resident, when their blocking keys are compared, then the pair is looked at or not (ADR 15). */
class MatchKeysTest {
    static final LocalDate ADMITTED = LocalDate.of(2018, 3, 1);
    final ReportProfile wangQiang = new ReportProfile(
            UUID.randomUUID(), "汪强", List.of(), "MALE", 1963, null, "湖南省邵阳市隆回县", null, null, LocalDate.of(2018, 2, 20));

    @Test
    void a_name_heard_as_a_homophone_or_in_a_merging_accent_shares_a_key() {
        assertThat(meet(resident(List.of("王强"), List.of(), 55, List.of()), wangQiang))
                .isTrue();
        assertThat(meet(resident(List.of("王墙"), List.of(), 55, List.of()), wangQiang))
                .isTrue();
        // and the report finds the resident the same way round
        assertThat(back(resident(List.of("王强"), List.of(), 55, List.of()), wangQiang))
                .isTrue();
    }

    @Test
    void a_nickname_meets_the_full_name_within_the_province_its_hometown_or_accent_names() {
        assertThat(meet(resident(List.of(), List.of("阿强"), 55, List.of("湖南")), wangQiang))
                .isTrue();
        assertThat(meet(resident(List.of(), List.of("强伢子"), 55, List.of()), wangQiang))
                .isTrue(); // no place: the lone sound
        assertThat(meet(resident(List.of(), List.of("阿强"), 55, List.of("四川")), wangQiang))
                .isFalse();
    }

    @Test
    void the_county_alone_is_a_key_but_not_an_age_thirty_years_off() {
        assertThat(meet(resident(List.of(), List.of(), 55, List.of("隆回")), wangQiang))
                .isTrue();
        assertThat(meet(resident(List.of("王强"), List.of(), 25, List.of("隆回")), wangQiang))
                .isFalse();
    }

    private static boolean meet(ResidentProfile resident, ReportProfile report) {
        Set<String> shared = new HashSet<>(MatchKeys.forResident(resident));
        shared.retainAll(MatchKeys.ofReport(report));
        return !shared.isEmpty();
    }

    private static boolean back(ResidentProfile resident, ReportProfile report) {
        Set<String> shared = new HashSet<>(MatchKeys.forReport(report));
        shared.retainAll(MatchKeys.ofResident(resident));
        return !shared.isEmpty();
    }

    private static ResidentProfile resident(
            List<String> names, List<String> nicknames, int age, List<String> hometowns) {
        return new ResidentProfile(UUID.randomUUID(), names, nicknames, "MALE", age, hometowns, List.of(), ADMITTED);
    }
}
