package org.homeward.testsupport;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A real PostgreSQL server (zonky's packaged binaries) for machines that have none:
 * {@code java LocalPostgres DATA_DIR PORT} runs until killed. Used by ./homeward only.
 */
public final class LocalPostgres {
    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args.length > 0 ? args[0] : "data/postgres").toAbsolutePath();
        int port = args.length > 1 ? Integer.parseInt(args[1]) : 15432;
        Files.createDirectories(dir);
        EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                .setDataDirectory(dir.resolve("data"))
                .setOverrideWorkingDirectory(dir.resolve("work").toFile())
                .setCleanDataDirectory(false)
                .setPort(port)
                .start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                postgres.close();
            } catch (Exception e) {
                // stopping anyway
            }
        }));
        System.out.println("PostgreSQL listening on 127.0.0.1:" + port + ", data in " + dir);
        Thread.currentThread().join();
    }

    private LocalPostgres() {}
}
