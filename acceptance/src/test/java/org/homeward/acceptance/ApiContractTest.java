package org.homeward.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;
import org.homeward.events.AsyncApiDocument;
import org.homeward.testsupport.Tokens;
import org.junit.jupiter.api.Assumptions;
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
            assertThat(document)
                    .as("built by the %s-service module (mvn package)", service)
                    .exists();
            Files.copy(document, generated.resolve(service + ".json"), StandardCopyOption.REPLACE_EXISTING);
        }
        // .ci/run installs the tools; a developer's first run installs them from the lock file too.
        if (NODE && !Files.exists(CLIENT.resolve("node_modules/.bin/tsc"))) {
            run("npm", "ci", "--no-audit", "--no-fund");
        }
    }

    @Test
    void every_operation_has_an_id_a_tag_and_the_platform_answers() throws IOException {
        for (String service : SERVICES) {
            JsonNode doc = JSON.readTree(
                    CLIENT.resolve("generated/" + service + ".json").toFile());
            assertThat(doc.path("info").path("version").asText()).isNotBlank();
            assertThat(doc.path("servers")).isNotEmpty();
            assertThat(doc.at("/components/schemas/Problem/properties").fieldNames())
                    .toIterable()
                    .contains("type", "title", "status", "detail", "errors");
            Set<String> ids = new HashSet<>();
            List<String> operations = new ArrayList<>();
            for (Map.Entry<String, JsonNode> path : doc.path("paths").properties()) {
                for (Map.Entry<String, JsonNode> method : path.getValue().properties()) {
                    JsonNode op = method.getValue();
                    String name = service + " " + method.getKey().toUpperCase() + " " + path.getKey();
                    operations.add(name);
                    assertThat(ids.add(op.path("operationId").asText()))
                            .as("unique operationId: " + name)
                            .isTrue();
                    assertThat(op.path("operationId").asText()).as(name).isNotBlank();
                    assertThat(op.path("tags")).as(name).isNotEmpty();
                    assertThat(op.path("summary").asText()).as(name).isNotBlank();
                    assertThat(isProblem(op.path("responses").path("401")))
                            .as(name + " 401")
                            .isTrue();
                    assertThat(isProblem(op.path("responses").path("403")))
                            .as(name + " 403")
                            .isTrue();
                    if (method.getKey().equals("post")) {
                        assertThat(op.path("parameters").toString())
                                .as(name)
                                .contains("#/components/parameters/IdempotencyKey");
                        assertThat(isProblem(op.path("responses").path("400")))
                                .as(name + " 400")
                                .isTrue();
                    }
                    JsonNode created = op.path("responses").path("201");
                    if (!created.isMissingNode()) {
                        assertThat(created.path("headers").has("Location"))
                                .as(name)
                                .isTrue();
                    }
                }
            }
            assertThat(operations).as(service).isNotEmpty();
        }
        // The POSTs that create answer 201 with a typed body and Location (the filter cannot know which do).
        Map<String, List<String>> creators = Map.of(
                "intake",
                        List.of(
                                "/api/admissions",
                                "/api/stations/{stationId}/institutions",
                                "/api/persons/duplicates/dismissals",
                                "/api/persons/{personId}/merges"),
                "search",
                        List.of(
                                "/api/search-cases",
                                "/api/search-cases/{caseId}/leads",
                                "/api/partners",
                                "/api/missing-person-reports"),
                "outreach", List.of("/api/street-cases", "/api/programs", "/api/programs/{programId}/patrols"),
                "reporting", List.of("/api/reports/publications"));
        for (Map.Entry<String, List<String>> service : creators.entrySet()) {
            JsonNode doc = JSON.readTree(
                    CLIENT.resolve("generated/" + service.getKey() + ".json").toFile());
            for (String path : service.getValue()) {
                JsonNode created = doc.path("paths")
                        .path(path)
                        .path("post")
                        .path("responses")
                        .path("201");
                assertThat(created.at("/content/application~1json/schema").isEmpty())
                        .as(path)
                        .isFalse();
                assertThat(created.path("headers").has("Location")).as(path).isTrue();
                assertThat(doc.path("paths")
                                .path(path)
                                .path("post")
                                .path("responses")
                                .has("200"))
                        .as(path)
                        .isFalse();
            }
        }
        JsonNode intake = JSON.readTree(CLIENT.resolve("generated/intake.json").toFile());
        JsonNode imports = intake.path("paths")
                .path("/api/imports/{jobId}") // one template for {sheet} and {jobId} (merged)
                .path("post")
                .path("responses");
        assertThat(imports.has("202")).as("an import answers 202 with its job").isTrue();
        assertThat(imports.has("200")).isFalse();
        assertThat(intake.at("/paths/~1api~1admissions/post/responses/201/content/application~1json/schema/$ref")
                        .asText())
                .isEqualTo("#/components/schemas/Admitted");
        assertThat(intake.at("/components/schemas/Admit/required").toString()).contains("arrivalChannel", "stationId");
        JsonNode search = JSON.readTree(CLIENT.resolve("generated/search.json").toFile());
        assertThat(search.at("/paths/~1api~1search-cases/get/parameters")).anySatisfy(p -> {
            assertThat(p.path("name").asText()).isEqualTo("personId");
            assertThat(p.path("in").asText()).isEqualTo("query");
            assertThat(p.path("required").asBoolean()).isTrue();
        });
    }

    /**
     * Every success answer says what it carries: a JSON body is a schema with properties (through its
     * $ref), a list of such, a oneOf of such, or a scalar; a document (.xlsx, CSV, page, photo) is a
     * string. An empty schema ({}), a bare object, a map of anything or an answer without content
     * reads as "anything" to a generated client, so a new operation answering a Response or a Map
     * without its {@code @APIResponse} fails here, naming it.
     */
    @Test
    void every_success_answer_has_a_typed_body() throws IOException {
        List<String> untyped = new ArrayList<>();
        int checked = 0;
        for (String service : SERVICES) {
            JsonNode doc = JSON.readTree(
                    CLIENT.resolve("generated/" + service + ".json").toFile());
            for (Map.Entry<String, JsonNode> path : doc.path("paths").properties()) {
                for (Map.Entry<String, JsonNode> method : path.getValue().properties()) {
                    for (Map.Entry<String, JsonNode> response :
                            method.getValue().path("responses").properties()) {
                        String code = response.getKey();
                        if (!code.startsWith("2") || code.equals("204")) {
                            continue;
                        }
                        String name = service + " " + method.getKey().toUpperCase() + " " + path.getKey() + " " + code;
                        JsonNode content = resolve(doc, response.getValue()).path("content");
                        if (content.isEmpty()) {
                            untyped.add(name + ": no content");
                        }
                        for (Map.Entry<String, JsonNode> media : content.properties()) {
                            checked++;
                            String type = media.getKey();
                            JsonNode schema = media.getValue().path("schema");
                            boolean json = type.startsWith("application/json") || type.contains("+json");
                            if (json
                                    ? !typed(doc, schema, 0)
                                    : !resolve(doc, schema)
                                            .path("type")
                                            .asText()
                                            .equals("string")) {
                                untyped.add(name + " " + type + ": " + schema);
                            }
                        }
                    }
                }
            }
        }
        assertThat(untyped)
                .as("success answers whose body a client cannot type")
                .isEmpty();
        assertThat(checked).as("success answers checked").isGreaterThan(150);
    }

    /**
     * A document a resource types itself keeps the schema the resource declares: the filter fills in only
     * the platform's own .xlsx and CSV where a resource names them without one, so a page, a Word document
     * or a photo whose {@code @Content} loses its schema has none here (and fails the test above too).
     */
    @Test
    void the_documents_a_resource_types_keep_its_schema() throws IOException {
        JsonNode intake = JSON.readTree(CLIENT.resolve("generated/intake.json").toFile());
        JsonNode reporting =
                JSON.readTree(CLIENT.resolve("generated/reporting.json").toFile());
        String photo = "/api/persons/{personId}/photos/{sha256}";
        String annual = "/api/reports/annual";
        assertThat(documentSchema(intake, photo, "image/jpeg")).isEqualTo(BINARY);
        assertThat(documentSchema(intake, photo, "image/png")).isEqualTo(BINARY);
        assertThat(documentSchema(reporting, annual, "text/html;charset=UTF-8")).isEqualTo(TEXT);
        assertThat(documentSchema(
                        reporting, annual, "application/vnd.openxmlformats-officedocument.wordprocessingml.document"))
                .isEqualTo(BINARY);
        // the platform's tables: filled in where the resource names the media type alone
        assertThat(documentSchema(reporting, "/api/reports/flow/members", "text/csv"))
                .isEqualTo(TEXT);
        assertThat(documentSchema(
                        reporting,
                        "/api/reports/retention-series",
                        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"))
                .isEqualTo(BINARY);
    }

    static final JsonNode BINARY = JSON.createObjectNode().put("type", "string").put("format", "binary");
    static final JsonNode TEXT = JSON.createObjectNode().put("type", "string");

    /** The schema of a GET's 200 answer in one media type (a missing node when it has none). */
    static JsonNode documentSchema(JsonNode doc, String path, String mediaType) {
        return doc.path("paths")
                .path(path)
                .path("get")
                .path("responses")
                .path("200")
                .path("content")
                .path(mediaType)
                .path("schema");
    }

    /** A schema that names its shape: properties, typed items, typed alternatives, or a scalar type. */
    static boolean typed(JsonNode doc, JsonNode schema, int depth) {
        JsonNode s = resolve(doc, schema);
        if (s.isMissingNode() || s.isEmpty() || depth > 20) {
            return false;
        }
        for (String alternatives : List.of("oneOf", "anyOf", "allOf")) {
            if (s.has(alternatives)) {
                for (JsonNode member : s.path(alternatives)) {
                    if (!typed(doc, member, depth + 1)) {
                        return false;
                    }
                }
                return true;
            }
        }
        String type = s.path("type").isArray()
                ? StreamSupport.stream(s.path("type").spliterator(), false)
                        .map(JsonNode::asText)
                        .filter(t -> !t.equals("null"))
                        .findFirst()
                        .orElse("")
                : s.path("type").asText();
        return switch (type) {
            case "array" -> typed(doc, s.path("items"), depth + 1);
            case "object", "" ->
                !s.path("properties").isEmpty()
                        || (s.path("additionalProperties").isObject()
                                && typed(doc, s.path("additionalProperties"), depth + 1));
            default -> true; // string, integer, number, boolean
        };
    }

    /** Follows local $refs (#/components/...). */
    static JsonNode resolve(JsonNode doc, JsonNode node) {
        while (node.has("$ref")) {
            node = doc.at(node.path("$ref").asText().substring(1));
        }
        return node;
    }

    /**
     * What the code answers, read from the resources' source: a POST that answers {@code Response.created}
     * is documented 201 with a typed body (and not 200, unless the same method also answers
     * {@code Response.ok}); one that answers {@code Response.accepted} is documented 202; and a 201 is
     * never built without its Location ({@code Response.status(201)}). A new creating POST without its
     * {@code @APIResponse(201)}, or one that loses it, fails here.
     */
    @Test
    void every_post_is_documented_with_the_status_the_code_answers() throws IOException {
        Map<String, JsonNode> docs = new LinkedHashMap<>();
        for (String service : SERVICES) {
            docs.put(
                    service,
                    JSON.readTree(
                            CLIENT.resolve("generated/" + service + ".json").toFile()));
        }
        List<PostMethod> posts = new ArrayList<>();
        for (String module : List.of(
                "intake-service", "search-service", "outreach-service", "reporting-service", "service-platform")) {
            try (var files = Files.walk(ROOT.resolve(module + "/src/main/java"))) {
                for (Path file :
                        files.filter(p -> p.toString().endsWith(".java")).toList()) {
                    posts.addAll(PostMethod.in(file, Files.readString(file)));
                }
            }
        }
        assertThat(posts).as("POST methods found in the resources").hasSizeGreaterThan(40);
        List<String> wrong = new ArrayList<>();
        int created = 0;
        for (PostMethod post : posts) {
            String where = post.file().getFileName() + " " + post.name() + " (POST " + post.path() + ")";
            if (post.body().contains("status(201)") || post.body().contains("Status.CREATED")) {
                wrong.add(where + ": answers 201 without Location (use Response.created)");
            }
            List<JsonNode> documented = new ArrayList<>();
            docs.forEach((service, doc) -> doc.path("paths").properties().forEach(e -> {
                if (shape(e.getKey()).equals(shape(post.path())) && e.getValue().has("post")) {
                    documented.add(e.getValue().path("post").path("responses"));
                }
            }));
            if (documented.isEmpty()) {
                wrong.add(where + ": not in any service's document");
            }
            boolean ok = post.body().contains("Response.ok(");
            for (JsonNode responses : documented) {
                for (String code : List.of("201", "202")) {
                    boolean answers =
                            post.body().contains(code.equals("201") ? "Response.created(" : "Response.accepted(");
                    if (!answers) {
                        continue;
                    }
                    created++;
                    if (!responses.has(code)) {
                        wrong.add(where + ": answers " + code + " but is documented "
                                + responses.properties().stream()
                                        .map(Map.Entry::getKey)
                                        .filter(c -> c.startsWith("2"))
                                        .toList());
                    } else if (responses
                            .path(code)
                            .at("/content/application~1json/schema")
                            .isEmpty()) {
                        wrong.add(where + ": its " + code + " has no typed body");
                    } else if (!responses.path(code).path("headers").has("Location")) {
                        wrong.add(where + ": its " + code + " declares no Location");
                    }
                    if (responses.has("200") && !ok) {
                        wrong.add(where + ": answers " + code + " but is also documented 200");
                    }
                }
            }
        }
        assertThat(wrong)
                .as("POSTs whose document does not say what the code answers")
                .isEmpty();
        assertThat(created).as("creating POSTs checked").isGreaterThan(25);
    }

    /** A path template with its parameters' names dropped: /a/{x}/b and /a/{y}/b are one URL to a client. */
    static String shape(String path) {
        return path.replaceAll("\\{[^}]+}", "{}").replaceAll("/+$", "");
    }

    /** One {@code @POST} resource method: its full path (class and method {@code @Path}), name and body text. */
    record PostMethod(Path file, String path, String name, String body) {
        private static final Pattern PATH = Pattern.compile("@Path\\(\"([^\"]*)\"\\)");
        private static final Pattern METHOD =
                Pattern.compile("(?:public|protected)?\\s*[\\w.<>, ?\\[\\]]+\\s+(\\w+)\\s*\\(");

        static List<PostMethod> in(Path file, String source) {
            List<PostMethod> found = new ArrayList<>();
            Matcher declared = Pattern.compile("\\n(?:public |final |abstract )*class \\w+")
                    .matcher(source);
            if (!declared.find() || !source.contains("@POST")) {
                return found;
            }
            int classAt = declared.start();
            Matcher classPath = PATH.matcher(source.substring(0, classAt));
            String base = "";
            while (classPath.find()) {
                base = classPath.group(1);
            }
            for (int at = source.indexOf("@POST", classAt); at >= 0; at = source.indexOf("@POST", at + 5)) {
                // annotations may themselves take arguments: skip them until the declaration
                int sig = declaration(source, at + 5);
                String annotations = source.substring(at + 5, sig);
                Matcher m = METHOD.matcher(source.substring(sig));
                if (!m.lookingAt()) {
                    throw new IllegalStateException("no method after @POST in " + file + " at " + sig);
                }
                String methodName = m.group(1);
                int open = source.indexOf('{', closing(source, sig + m.end() - 1, '(', ')'));
                int close = closing(source, open, '{', '}');
                Matcher methodPath = PATH.matcher(annotations);
                String sub = methodPath.find() ? methodPath.group(1) : "";
                String full = ("/" + base + "/" + sub).replaceAll("/+", "/").replaceAll("(.)/$", "$1");
                found.add(new PostMethod(file, full, methodName, source.substring(open, close + 1)));
            }
            return found;
        }

        /** Where the method declaration after a run of annotations (each maybe with parenthesised arguments) starts. */
        private static int declaration(String source, int from) {
            int i = from;
            while (true) {
                while (Character.isWhitespace(source.charAt(i))) {
                    i++;
                }
                if (source.charAt(i) != '@') {
                    return i;
                }
                i++;
                while (Character.isJavaIdentifierPart(source.charAt(i)) || source.charAt(i) == '.') {
                    i++;
                }
                if (source.charAt(i) == '(') {
                    i = closing(source, i, '(', ')') + 1;
                }
            }
        }

        /** The index of the bracket closing the one at {@code open}, skipping comments and string and char literals. */
        private static int closing(String source, int open, char left, char right) {
            int depth = 0;
            for (int i = open; i < source.length(); i++) {
                char c = source.charAt(i);
                if (source.startsWith("//", i)) { // a comment may hold an apostrophe or a bracket
                    i = source.indexOf('\n', i);
                } else if (source.startsWith("/*", i)) {
                    i = source.indexOf("*/", i) + 1;
                } else if (c == '"' || c == '\'') {
                    if (source.startsWith("\"\"\"", i)) {
                        i = source.indexOf("\"\"\"", i + 3) + 2;
                        continue;
                    }
                    for (i++; source.charAt(i) != c; i++) {
                        if (source.charAt(i) == '\\') {
                            i++;
                        }
                    }
                } else if (c == left) {
                    depth++;
                } else if (c == right && --depth == 0) {
                    return i;
                }
            }
            throw new IllegalStateException("unbalanced " + left + " at " + open);
        }
    }

    @Test
    void spectral_and_redocly_find_no_errors() throws Exception {
        List<String> spectral = new ArrayList<>(
                List.of("node_modules/.bin/spectral", "lint", "-r", ".spectral.yaml", "--fail-severity", "error"));
        List<String> redocly =
                new ArrayList<>(List.of("node_modules/.bin/redocly", "lint", "--config", "redocly.yaml"));
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
            run(
                    "node_modules/.bin/openapi-typescript",
                    "generated/" + service + ".json",
                    "-o",
                    "generated/" + service + ".ts");
        }
        run("node_modules/.bin/tsc", "-p", "tsconfig.json");
    }

    /**
     * The same program, compiled to JavaScript, run by Node against the four services started as in
     * production (RunningPlatform): it registers a station, admits a person, opens their search case
     * (honouring 409 + Retry-After until search-service has heard of them), records a lead and reads
     * the family-search report, each answer read through the generated types.
     */
    @Test
    void the_generated_client_runs_against_the_services() throws Exception {
        for (String service : SERVICES) {
            run(
                    "node_modules/.bin/openapi-typescript",
                    "generated/" + service + ".json",
                    "-o",
                    "generated/" + service + ".ts");
        }
        run("node_modules/.bin/tsc", "-p", "tsconfig.run.json");
        Map<String, String> urls = RunningPlatform.get().urls;
        String said = run(
                Map.of(
                        "HOMEWARD_INTAKE",
                        urls.get("intake"),
                        "HOMEWARD_SEARCH",
                        urls.get("search"),
                        "HOMEWARD_REPORTING",
                        urls.get("reporting"),
                        "HOMEWARD_TOKEN",
                        Tokens.forTests().token("integrator", "ADMIN", null),
                        "HOMEWARD_STATION",
                        "integrator-" + UUID.randomUUID().toString().substring(0, 8)),
                "node",
                "generated/js/src/run.js");
        assertThat(said)
                .containsPattern("lead [0-9a-f-]{36} on case [0-9a-f-]{36}")
                .contains("family-search report:");
    }

    @Test
    void the_asyncapi_document_of_the_events_is_valid() throws Exception {
        AsyncApiDocument.main(
                new String[] {CLIENT.resolve("generated/asyncapi.json").toString()});
        run("node", "validate-asyncapi.mjs", "generated/asyncapi.json");
    }

    /** The shared problem answer, or one of the resource's own with the problem+json schema. */
    static boolean isProblem(JsonNode response) {
        return response.path("$ref").asText().startsWith("#/components/responses/Problem")
                || response.at("/content/application~1problem+json/schema/$ref")
                        .asText()
                        .equals("#/components/schemas/Problem");
    }

    /** Runs a command in acceptance/api-client; fails the test with its output when it exits non-zero. */
    /** Node.js with npm: the lint and generated-client checks need it. CI has it; elsewhere those checks are skipped without it. */
    static final boolean NODE = available("npm", "--version");

    private static boolean available(String... command) {
        try {
            return new ProcessBuilder(command).redirectErrorStream(true).start().waitFor(60, TimeUnit.SECONDS);
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    static void run(String... command) throws Exception {
        run(Map.of(), command);
    }

    /** Runs a command with extra environment; answers what it printed. */
    static String run(Map<String, String> env, String... command) throws Exception {
        Assumptions.assumeTrue(
                NODE || System.getenv("CI") != null,
                "Node.js/npm is not installed here: the OpenAPI lint and the generated client are checked in CI");
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(CLIENT.toFile())
                .redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        builder.environment().putAll(env);
        Process process = builder.start();
        byte[] out = process.getInputStream().readAllBytes();
        assertThat(process.waitFor(10, TimeUnit.MINUTES))
                .as(String.join(" ", command))
                .isTrue();
        String said = new String(out, StandardCharsets.UTF_8);
        assertThat(process.exitValue())
                .as(String.join(" ", command) + " said:\n" + said)
                .isZero();
        return said;
    }
}
