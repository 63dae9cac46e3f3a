package org.homeward.outreach;

import org.homeward.testsupport.ArchitectureRules;
import org.junit.jupiter.api.Test;

class ArchitectureTest {
    @Test
    void boundaries_hold() {
        ArchitectureRules.check("org.homeward.outreach");
    }
}
