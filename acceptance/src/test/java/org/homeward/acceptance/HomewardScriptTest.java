package org.homeward.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@code ./homeward up} never reports a service as running when another process holds its port; its
 * usage lists every command it has; later commands use the PostgreSQL {@code up} chose.
 */
class HomewardScriptTest {
    static final Path ROOT =
            Path.of(System.getProperty("homeward.root", "..")).toAbsolutePath().normalize();

    @Test
    void up_refuses_a_port_held_by_another_process_and_names_that_process() throws Exception {
        try (ServerSocket leftover = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            int port = leftover.getLocalPort();
            ProcessBuilder check =
                    new ProcessBuilder(ROOT.resolve("homeward").toString(), "check-ports").redirectErrorStream(true);
            check.environment().put("HOMEWARD_INTAKE_PORT", String.valueOf(port));
            check.environment()
                    .put(
                            "HOMEWARD_DATA",
                            Files.createTempDirectory("homeward-data").toString());
            Process process = check.start();
            String said = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

            assertThat(process.waitFor()).isNotZero();
            assertThat(said)
                    .contains("intake-service: port " + port + " is already in use")
                    .contains("pid " + ProcessHandle.current().pid());
        }
    }

    @Test
    void the_usage_lists_every_command_the_script_has() throws Exception {
        String script = Files.readString(ROOT.resolve("homeward"));
        String dispatch = script.substring(script.lastIndexOf("case \"${1:-}\" in"), script.lastIndexOf("esac"));
        List<String> commands = new ArrayList<>();
        Matcher label =
                Pattern.compile("^  ([a-z][a-z-]*)[ |)]", Pattern.MULTILINE).matcher(dispatch);
        while (label.find()) {
            commands.add(label.group(1));
        }
        String usage = run(Files.createTempDirectory("homeward-data"), "help");

        assertThat(commands)
                .contains("up", "bench", "check-ports", "import-bench", "help")
                .hasSizeGreaterThan(10);
        for (String command : commands) {
            assertThat(usage).as("usage names ./homeward %s", command).contains("./homeward " + command + " ");
        }
        assertThat(run(Files.createTempDirectory("homeward-data"), "no-such-command"))
                .isEqualTo(usage);
    }

    @Test
    void later_commands_use_the_postgresql_up_chose() throws Exception {
        Path data = Files.createTempDirectory("homeward-data");
        Files.writeString(data.resolve("postgres.hostport"), "127.0.0.1:15432\n");

        assertThat(run(data, "status")).contains("PostgreSQL: 127.0.0.1:15432 (embedded");
        assertThat(Files.readString(ROOT.resolve("homeward")))
                .contains("echo \"$PG_HOSTPORT\" >\"$PG_CHOICE\"") // up records its choice
                .containsPattern("cmd_bench\\(\\) \\{[^}]*HOMEWARD_PG=\"\\$PG_HOSTPORT\""); // bench passes it on
    }

    private static String run(Path data, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(ROOT.resolve("homeward").toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("HOMEWARD_DATA", data.toString());
        builder.environment().remove("HOMEWARD_PG");
        Process process = builder.start();
        String said = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        process.waitFor();
        return said;
    }
}
