package org.homeward.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The OpenAPI documents the four services store at build time (target/openapi/openapi.json, the
 * document /q/openapi serves) are a contract an outside integrator can generate a client from:
 * Spectral (spectral:oas) and Redocly lint them with zero errors, and a TypeScript client generated
 * from them (openapi-typescript, called through openapi-fetch) compiles a program that admits a
 * person, records a lead and reads the family-search report with no casts (acceptance/api-client).
 */
class ApiContractTest {
    static final Path ROOT = HomewardScriptTest.ROOT;
    static final Path CLIENT = ROOT.resolve("acceptance/api-client");
    static final List<String> SERVICES = List.of("intake", "search", "outreach", "reporting");
    static final ObjectMapper JSON = new ObjectMapper();

    @BeforeAll
    static void copyTheDocumentsAndInstallTheTools() throws Exception {
        Path generated = Files.createDirectories(CLIENT.resolve("generated"));
        for (String service : SERVICES) {
            Path document = ROOT.resolve(service + "-service/target/openapi/openapi.json");
            assertThat(document).as("built by the %s-service module (mvn package)", service).exists();
            Files.copy(document, generated.resolve(service + ".json"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        // .ci/run installs the tools; a developer's first run installs them from the lock file too.
        if (NODE && !Files.exists(CLIENT.resolve("node_modules/.bin/tsc"))) {
            run("npm", "ci", "--no-audit", "--no-fund");
        }
    }

    @Test
    void every_operation_has_an_id_a_tag_and_the_platform_answers() throws IOException {
        for (String service : SERVICES) {
            JsonNode doc = JSON.readTree(CLIENT.resolve("generated/" + service + ".json").toFile());
            assertThat(doc.path("info").path("version").asText()).isNotBlank();
            assertThat(doc.path("servers")).isNotEmpty();
            assertThat(doc.at("/components/schemas/Problem/properties").fieldNames()).toIterable()
                    .contains("type", "title", "status", "detail", "errors");
            Set<String> ids = new HashSet<>();
            List<String> operations = new ArrayList<>();
            for (Map.Entry<String, JsonNode> path : doc.path("paths").properties()) {
                for (Map.Entry<String, JsonNode> method : path.getValue().properties()) {
                    JsonNode op = method.getValue();
                    String name = service + " " + method.getKey().toUpperCase() + " " + path.getKey();
                    operations.add(name);
                    assertThat(ids.add(op.path("operationId").asText())).as("unique operationId: " + name).isTrue();
                    assertThat(op.path("operationId").asText()).as(name).isNotBlank();
                    assertThat(op.path("tags")).as(name).isNotEmpty();
                    assertThat(op.path("summary").asText()).as(name).isNotBlank();
                    assertThat(isProblem(op.path("responses").path("401"))).as(name + " 401").isTrue();
                    assertThat(isProblem(op.path("responses").path("403"))).as(name + " 403").isTrue();
                    if (method.getKey().equals("post")) {
                        assertThat(op.path("parameters").toString()).as(name)
                                .contains("#/components/parameters/IdempotencyKey");
                        assertThat(isProblem(op.path("responses").path("400"))).as(name + " 400").isTrue();
                    }
                    JsonNode created = op.path("responses").path("201");
                    if (!created.isMissingNode()) {
                        assertThat(created.path("headers").has("Location")).as(name).isTrue();
                    }
                }
            }
            assertThat(operations).as(service).isNotEmpty();
        }
        // The POSTs that create answer 201 with a typed body and Location (the filter cannot know which do).
        Map<String, List<String>> creators = Map.of(
                "intake", List.of("/api/admissions", "/api/stations/{stationId}/institutions", "/api/persons/duplicates/dismissals"),
                "search", List.of("/api/search-cases", "/api/search-cases/{caseId}/leads", "/api/partners",
                        "/api/missing-person-reports"),
                "outreach", List.of("/api/street-cases", "/api/programs", "/api/programs/{programId}/patrols"),
                "reporting", List.of("/api/reports/publications"));
        for (Map.Entry<String, List<String>> service : creators.entrySet()) {
            JsonNode doc = JSON.readTree(CLIENT.resolve("generated/" + service.getKey() + ".json").toFile());
            for (String path : service.getValue()) {
                JsonNode created = doc.path("paths").path(path).path("post").path("responses").path("201");
                assertThat(created.at("/content/application~1json/schema").isEmpty()).as(path).isFalse();
                assertThat(created.path("headers").has("Location")).as(path).isTrue();
                assertThat(doc.path("paths").path(path).path("post").path("responses").has("200")).as(path).isFalse();
            }
        }
        JsonNode intake = JSON.readTree(CLIENT.resolve("generated/intake.json").toFile());
        JsonNode imports = intake.path("paths").path("/api/imports/{jobId}") // one template for {sheet} and {jobId} (merged)
                .path("post").path("responses");
        assertThat(imports.has("202")).as("an import answers 202 with its job").isTrue();
        assertThat(imports.has("200")).isFalse();
        assertThat(intake.at("/paths/~1api~1admissions/post/responses/201/content/application~1json/schema/$ref").asText())
                .isEqualTo("#/components/schemas/Admitted");
        assertThat(intake.at("/components/schemas/Admit/required").toString()).contains("arrivalChannel", "stationId");
        JsonNode search = JSON.readTree(CLIENT.resolve("generated/search.json").toFile());
        assertThat(search.at("/paths/~1api~1search-cases/get/parameters")).anySatisfy(p -> {
            assertThat(p.path("name").asText()).isEqualTo("personId");
            assertThat(p.path("in").asText()).isEqualTo("query");
            assertThat(p.path("required").asBoolean()).isTrue();
        });
    }

    @Test
    void spectral_and_redocly_find_no_errors() throws Exception {
        List<String> spectral = new ArrayList<>(List.of("node_modules/.bin/spectral", "lint", "-r", ".spectral.yaml",
                "--fail-severity", "error"));
        List<String> redocly = new ArrayList<>(List.of("node_modules/.bin/redocly", "lint", "--config", "redocly.yaml"));
        for (String service : SERVICES) {
            spectral.add("generated/" + service + ".json");
            redocly.add("generated/" + service + ".json");
        }
        run(spectral.toArray(String[]::new));
        run(redocly.toArray(String[]::new));
    }

    @Test
    void a_client_generated_from_the_documents_compiles_the_integration_program() throws Exception {
        for (String service : SERVICES) {
            run("node_modules/.bin/openapi-typescript", "generated/" + service + ".json", "-o", "generated/" + service + ".ts");
        }
        run("node_modules/.bin/tsc", "-p", "tsconfig.json");
    }

    @Test
    void the_asyncapi_document_of_the_events_is_valid() throws Exception {
        org.homeward.events.AsyncApiDocument.main(new String[] {CLIENT.resolve("generated/asyncapi.json").toString()});
        run("node", "validate-asyncapi.mjs", "generated/asyncapi.json");
    }

    /** The shared problem answer, or one of the resource's own with the problem+json schema. */
    static boolean isProblem(JsonNode response) {
        return response.path("$ref").asText().startsWith("#/components/responses/Problem")
                || response.at("/content/application~1problem+json/schema/$ref").asText().equals("#/components/schemas/Problem");
    }

    /** Runs a command in acceptance/api-client; fails the test with its output when it exits non-zero. */
    /** Node.js with npm: the lint and generated-client checks need it. CI has it; elsewhere those checks are skipped without it. */
    static final boolean NODE = available("npm", "--version");

    private static boolean available(String... command) {
        try {
            return new ProcessBuilder(command).redirectErrorStream(true).start().waitFor(60, TimeUnit.SECONDS);
        } catch (java.io.IOException | InterruptedException e) {
            return false;
        }
    }

    static void run(String... command) throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(NODE || System.getenv("CI") != null,
                "Node.js/npm is not installed here: the OpenAPI lint and the generated client are checked in CI");
        Process process = new ProcessBuilder(command).directory(CLIENT.toFile()).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        byte[] out = process.getInputStream().readAllBytes();
        assertThat(process.waitFor(10, TimeUnit.MINUTES)).as(String.join(" ", command)).isTrue();
        assertThat(process.exitValue()).as(String.join(" ", command) + " said:\n" + new String(out, StandardCharsets.UTF_8))
                .isZero();
    }
}
