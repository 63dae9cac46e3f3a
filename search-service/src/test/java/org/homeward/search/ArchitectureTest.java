package org.homeward.search;

import org.homeward.testsupport.ArchitectureRules;
import org.junit.jupiter.api.Test;

class ArchitectureTest {
    @Test
    void boundaries_hold() {
        ArchitectureRules.check(
                "org.homeward.search", "MatchScorer", "PlaceText", "MatchKeys", "Divisions", "Dialects");
    }
}
