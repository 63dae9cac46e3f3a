package org.homeward.search.division;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.homeward.search.division.Divisions.Division;
import org.homeward.search.division.Divisions.Level;
import org.junit.jupiter.api.Test;

/** The division data set as shipped: hierarchy, names as people say them, and the closest codes to a wrong one. */
class DivisionsTest {
    final Divisions divisions = Divisions.get();

    @Test
    void a_county_sits_in_its_city_and_province() {
        assertThat(divisions.chain("430524").stream().map(Division::name)).containsExactly("湖南省", "邵阳市", "隆回县");
        assertThat(divisions.find("430524").orElseThrow().level()).isEqualTo(Level.COUNTY);
        assertThat(divisions.fullName("441900")).isEqualTo("广东省东莞市");
        // a district of a municipality hangs on the municipality; a county-level city directly on its province
        assertThat(divisions.chain("110105").stream().map(Division::code)).containsExactly("110000", "110105");
        assertThat(divisions.chain("429004").stream().map(Division::name)).containsExactly("湖北省", "仙桃市");
        assertThat(divisions.size()).isGreaterThan(3000);
    }

    @Test
    void a_hometown_as_said_resolves_to_its_divisions() {
        assertThat(divisions.resolve("湖南隆回")).containsExactly("430524");
        assertThat(divisions.resolve("湖南省邵阳市隆回县")).containsExactly("430524");
        assertThat(divisions.resolve("邵阳")).containsExactly("430500");
        assertThat(divisions.resolve("湖南")).containsExactly("430000");
        assertThat(divisions.resolve("广西")).containsExactly("450000");
        // 长沙 is the city; 长沙县 only when said so
        assertThat(divisions.resolve("湖南长沙")).containsExactly("430100");
        assertThat(divisions.resolve("长沙县")).containsExactly("430121");
        // 朝阳 under 辽宁 is not Beijing's 朝阳区
        assertThat(divisions.resolve("辽宁朝阳")).allMatch(code -> code.startsWith("21"));
        assertThat(divisions.resolve("不知道")).isEmpty();
    }

    @Test
    void the_closest_valid_codes_to_an_unknown_one_start_with_what_the_text_names() {
        List<Division> closest = divisions.closest("430599", "湖南隆回", 5);
        assertThat(closest.get(0).code()).isEqualTo("430524");
        assertThat(closest).hasSize(5).allMatch(d -> d.code().startsWith("43"));
        assertThat(divisions.closest("439999", null, 3))
                .allMatch(d -> d.code().startsWith("43"))
                .hasSize(3);
    }

    @Test
    void common_unit_of_two_places() {
        assertThat(divisions.common("430524", "430523").orElseThrow().name()).isEqualTo("邵阳市");
        assertThat(divisions.common("430524", "431103").orElseThrow().name()).isEqualTo("湖南省");
        assertThat(divisions.common("430524", "510100")).isEmpty();
    }
}
