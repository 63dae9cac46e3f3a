package org.homeward.acceptance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

/**
 * {@code ./homeward import-bench [rows]}: writes an admission register of 100,000 rows (seeded; 70 % of
 * the stays with a family pickup, some with a hospital episode), imports it into the running
 * platform and prints the time, the rows per second, and intake's heap at its peak during the import
 * (sampled from /q/metrics) beside the file's size: the import streams, so the heap does not grow with it.
 */
public final class ImportBenchmark {
    public static void main(String[] args) throws Exception {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        HomewardClient api = HomewardClient.local();
        String token = System.getenv("HOMEWARD_TOKEN");
        String station = "import-bench-" + UUID.randomUUID().toString().substring(0, 6);
        api.post("intake", "/api/stations", Map.of("stationId", station, "name", "导入基准站"));
        Path file = Files.createTempFile("register-" + rows, ".csv");
        Random random = new Random(2018);
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write("登记编号,站点,性别,年龄,身份已核实,来站方式,入站时间,住院医院,住院时间,出院时间,离站时间,离站方式,接领人,与受助人关系\n");
            LocalDate start = LocalDate.of(2010, 1, 1);
            for (int i = 0; i < rows; i++) {
                LocalDate admitted = start.plusDays(random.nextInt(3_000));
                boolean hospital = random.nextInt(10) == 0;
                boolean left = random.nextInt(10) < 7;
                out.write(station + "-" + i + "," + station + "," + (random.nextBoolean() ? "男" : "女") + ","
                        + (18 + random.nextInt(70))
                        + ",否,公安护送," + admitted + ","
                        + (hospital ? "东莞市第三人民医院," + admitted.plusDays(1) + "," + admitted.plusDays(5) : ",,") + ","
                        + (left ? admitted.plusDays(6 + random.nextInt(60)) + ",亲属接回,家属" + i + ",儿子" : ",,,") + "\n");
            }
        }
        System.out.printf(
                "Import benchmark: %,d rows, %,d bytes (CSV, UTF-8), %d cores%n",
                rows, Files.size(file), Runtime.getRuntime().availableProcessors());
        HttpClient http = HttpClient.newHttpClient();
        long heapBefore = heap(http, token);
        long t0 = System.nanoTime();
        HttpResponse<String> submitted = http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:8081/api/imports/admissions"))
                        .header("Authorization", "Bearer " + token)
                        .header("Content-Type", "text/csv")
                        .POST(HttpRequest.BodyPublishers.ofFile(file))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (submitted.statusCode() != 202) {
            throw new IllegalStateException(submitted.statusCode() + " " + submitted.body());
        }
        String jobId =
                new ObjectMapper().readTree(submitted.body()).get("jobId").asText();
        long heapPeak = heapBefore;
        JsonNode job;
        while (true) {
            job = api.get("intake", "/api/imports/" + jobId);
            heapPeak = Math.max(heapPeak, heap(http, token));
            String state = job.get("state").asText();
            if (!state.equals("QUEUED") && !state.equals("RUNNING")) {
                break;
            }
            Thread.sleep(1_000);
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        System.out.println("| measurement | value |");
        System.out.println("|---|---|");
        System.out.printf(
                "| state | %s (%d imported, %d rejected) |%n",
                job.get("state").asText(),
                job.get("rowsImported").asLong(),
                job.get("rowsRejected").asLong());
        System.out.printf("| time | %.1f s |%n| rows/s | %.0f |%n", seconds, rows / seconds);
        System.out.printf(
                "| intake heap used: before / peak during | %d MiB / %d MiB (file: %d MiB) |%n",
                heapBefore >> 20, heapPeak >> 20, Files.size(file) >> 20);
        Files.delete(file);
    }

    /** Heap in use, from the Prometheus text of /q/metrics (sum over the heap pools). */
    private static long heap(HttpClient http, String token) throws Exception {
        String text = http.send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:8081/q/metrics"))
                                .header("Authorization", "Bearer " + token)
                                .GET()
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
        double sum = 0;
        for (String line : text.split("\n")) {
            if (line.startsWith("jvm_memory_used_bytes{") && line.contains("area=\"heap\"")) {
                sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return (long) sum;
    }

    private ImportBenchmark() {}
}
