package org.homeward.search.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.Set;
import org.homeward.search.evaluation.SyntheticPeople.Noise;
import org.junit.jupiter.api.Test;

/** The generator's default set holds candidate matching to a floor; the figures are the README's. */
class MatchEvaluationTest {

    @Test
    void candidate_matching_on_the_default_synthetic_set_stays_above_its_floor() {
        MatchEvaluation.Figures figures = MatchEvaluation.evaluate(
                MatchEvaluation.DEFAULT_SEED, MatchEvaluation.DEFAULT_PERSONS, MatchEvaluation.DEFAULT_DISTRACTORS);
        assertThat(figures.recallAt10()).isGreaterThanOrEqualTo(0.9);
        assertThat(figures.precisionAt1()).isGreaterThanOrEqualTo(0.8);
        assertThat(figures.meanReciprocalRank()).isGreaterThanOrEqualTo(0.83);
        // the set carries every kind of noise it claims, and names are what finds people
        assertThat(figures.byNoise().keySet()).containsAll(EnumSet.allOf(Noise.class));
        assertThat(figures.byNoise().get(Noise.NAME_HOMOPHONE)[2]
                        / figures.byNoise().get(Noise.NAME_HOMOPHONE)[0])
                .isGreaterThan(figures.byNoise().get(Noise.NO_NAME)[2]
                        / figures.byNoise().get(Noise.NO_NAME)[0]);
    }

    @Test
    void the_generator_is_seeded() {
        SyntheticPeople.DataSet a = new SyntheticPeople(7).generate(20, 50);
        SyntheticPeople.DataSet b = new SyntheticPeople(7).generate(20, 50);
        assertThat(a).isEqualTo(b);
        assertThat(a.reports()).hasSize(70);
        Set<Noise> seen = EnumSet.noneOf(Noise.class);
        a.pairs().forEach(p -> seen.addAll(p.noise()));
        assertThat(seen).isNotEmpty();
    }
}
