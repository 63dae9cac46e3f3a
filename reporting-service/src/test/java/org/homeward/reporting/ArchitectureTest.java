package org.homeward.reporting;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.homeward.testsupport.ArchitectureRules;
import org.junit.jupiter.api.Test;

class ArchitectureTest {
    /** "A merge holds" in the facts' words: its undoing not recorded (with any alias and spacing). */
    private static final Pattern MERGE_HOLDS =
            Pattern.compile("unmerged_recorded_at\\s+IS\\s+NULL", Pattern.CASE_INSENSITIVE);

    @Test
    void boundaries_hold() {
        ArchitectureRules.check("org.homeward.reporting");
    }

    /** When a merge of the facts holds is said once, in FactSchemas.holds: every report asks it of that. */
    @Test
    void the_facts_say_when_a_merge_holds_in_one_place() throws IOException {
        try (Stream<Path> sources = Files.walk(Path.of("src/main"))) {
            List<String> saying = sources.filter(Files::isRegularFile)
                    .filter(p -> MERGE_HOLDS.matcher(read(p)).find())
                    .map(p -> p.getFileName().toString())
                    .toList();
            assertThat(saying).containsExactly("FactSchemas.java");
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) { // a binary resource: not SQL
            return "";
        }
    }
}
