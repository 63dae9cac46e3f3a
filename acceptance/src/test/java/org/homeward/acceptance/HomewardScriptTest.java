package org.homeward.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** {@code ./homeward up} never reports a service as running when another process holds its port. */
class HomewardScriptTest {
    static final Path ROOT = Path.of(System.getProperty("homeward.root", "..")).toAbsolutePath().normalize();

    @Test
    void up_refuses_a_port_held_by_another_process_and_names_that_process() throws Exception {
        try (ServerSocket leftover = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            int port = leftover.getLocalPort();
            ProcessBuilder check = new ProcessBuilder(ROOT.resolve("homeward").toString(), "check-ports").redirectErrorStream(true);
            check.environment().put("HOMEWARD_INTAKE_PORT", String.valueOf(port));
            check.environment().put("HOMEWARD_DATA", Files.createTempDirectory("homeward-data").toString());
            Process process = check.start();
            String said = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

            assertThat(process.waitFor()).isNotZero();
            assertThat(said).contains("intake-service: port " + port + " is already in use")
                    .contains("pid " + ProcessHandle.current().pid());
        }
    }
}
