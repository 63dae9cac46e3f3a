package org.homeward.platform.web;

import io.quarkus.smallrye.openapi.OpenApiFilter;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.headers.Header;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;
import org.eclipse.microprofile.openapi.models.tags.Tag;
import org.homeward.platform.export.RowStreamCsvWriter;
import org.homeward.platform.export.SpreadsheetWriter;

/**
 * Completes every service's OpenAPI document with what the platform does for every operation, so
 * that a client generated from it needs no hand-written casts: a unique operationId and a tag per
 * feature, the problem+json answers (the {@code Problem} record) with their status codes, the
 * {@code Idempotency-Key} header on commands, {@code If-Match} on updates, {@code ETag},
 * {@code Location} and {@code Retry-After} response headers. It runs at build time, so the
 * document stored under target/openapi (quarkus.smallrye-openapi.store-schema-directory) is the one
 * served at /q/openapi. What only a resource knows (201 with its body, a required query parameter)
 * stays on the resource as an {@code @APIResponse} or {@code @Parameter} annotation.
 */
@OpenApiFilter(OpenApiFilter.RunStage.BUILD)
public class ApiContract implements OASFilter {

    static final String PROBLEM = "Problem";
    static final String FIELD_ERROR = "FieldError";
    private static final String PROBLEM_JSON = "application/problem+json";

    /** Error answers the platform gives, with the condition under which an operation can give them. */
    private static final Map<String, String> ERRORS = new LinkedHashMap<>();

    static {
        ERRORS.put(
                "400",
                "Bad input: a field, parameter or header is missing or malformed (errors names each field); nothing was stored");
        ERRORS.put("401", "No valid bearer token");
        ERRORS.put("403", "The caller's role or station may not do this");
        ERRORS.put("404", "No such record");
        ERRORS.put("406", "None of the media types in Accept can be produced");
        ERRORS.put("409", "Conflict with the record's state or another request (Retry-After when it may pass)");
        ERRORS.put("412", "If-Match names a version that is no longer the record's");
        ERRORS.put("413", "The request body is too large");
        ERRORS.put("415", "The request body's Content-Type is not accepted");
        ERRORS.put("422", "The request is well-formed but breaks a business rule (errors names the field)");
        ERRORS.put("429", "Too many requests for this partner; retry after Retry-After seconds");
    }

    /** Method names that say nothing without the record they act on. */
    private static final Set<String> GENERIC = Set.of(
            "get",
            "list",
            "all",
            "one",
            "find",
            "query",
            "submit",
            "open",
            "register",
            "record",
            "start",
            "set",
            "patch");

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getComponents() == null) {
            openAPI.setComponents(OASFactory.createComponents());
        }
        if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
            return;
        }
        declareShared(openAPI);
        mergeEquivalentPaths(openAPI);
        Map<String, Integer> ids = new HashMap<>();
        Map<String, String> tags = new TreeMap<>();
        Map<Operation, String> paths = new IdentityHashMap<>();
        Map<Operation, String> methods = new IdentityHashMap<>();
        Map<Operation, List<String>> roles = new IdentityHashMap<>();
        openAPI.getPaths()
                .getPathItems()
                .forEach((path, item) -> item.getOperations().forEach((method, op) -> {
                    roles.put(op, complete(path, method, op));
                    methods.put(op, method.name());
                    tags.putIfAbsent(op.getTags().get(0), path);
                    ids.merge(op.getOperationId(), 1, Integer::sum);
                    paths.put(op, path);
                }));
        // The method name alone is the friendliest id (admit, recordLead); a bare verb (get, open) or one
        // two resources share gets the record it acts on (getPerson, openSearchCase, listStays).
        paths.forEach((op, path) -> {
            String id = op.getOperationId();
            if (ids.get(id) > 1 || GENERIC.contains(id)) {
                // one record: the path names it, or a command acts on it (openSearchCase, submitImport)
                boolean one = path.endsWith("}") || !methods.get(op).equals("GET");
                op.setOperationId(id + capital(camel(record(path, one))));
            }
            // Quarkus' own summary is the bare method name; the final id says more. An authored one stays.
            if (op.getSummary() == null || op.getSummary().equalsIgnoreCase(words(id))) {
                op.setSummary(words(op.getOperationId()));
            }
            if (op.getDescription() == null) {
                List<String> may = roles.get(op);
                op.setDescription(op.getSummary() + " (" + methods.get(op) + " " + path + ")."
                        + (may.isEmpty() ? "" : " Roles: " + String.join(", ", may) + "."));
            }
        });
        List<Tag> declared = new ArrayList<>();
        tags.forEach((name, path) -> declared.add(
                OASFactory.createTag().name(name).description("Operations under " + path.replaceAll("/\\{.*", ""))));
        openAPI.setTags(declared);
        removeUnused(openAPI);
    }

    /** Completes one operation; answers the roles that may call it. */
    private static List<String> complete(String path, PathItem.HttpMethod method, Operation op) {
        op.setTags(new ArrayList<>(List.of(feature(path))));
        if (op.getOperationId() == null) {
            op.setOperationId(camel(method.name().toLowerCase(Locale.ROOT) + "-" + record(path, path.endsWith("}"))));
        }
        // Roles are not OAuth scopes: a bearer scheme takes an empty list, the roles go into the description.
        List<String> roles = new ArrayList<>();
        if (op.getSecurity() != null) {
            for (var req : op.getSecurity()) {
                for (String scheme : new ArrayList<>(req.getSchemes().keySet())) {
                    List<String> scopes = req.getScheme(scheme);
                    if (scopes != null) {
                        roles.addAll(scopes);
                    }
                    req.addScheme(scheme, new ArrayList<>());
                }
            }
        }
        boolean command = method != PathItem.HttpMethod.GET
                && method != PathItem.HttpMethod.HEAD
                && method != PathItem.HttpMethod.OPTIONS;
        boolean onRecord = path.endsWith("}");
        if (method == PathItem.HttpMethod.POST) {
            addHeader(op, "#/components/parameters/IdempotencyKey", "Idempotency-Key");
        }
        // If-Match is declared where the resource reads it (the command checks the version); the shared
        // parameter replaces the resource's own so every client sees one description.
        boolean ifMatch = hasHeader(op, "If-Match");
        if (ifMatch) {
            addHeader(op, "#/components/parameters/IfMatch", "If-Match");
        }
        APIResponses responses = op.getResponses();
        if (responses == null) {
            responses = OASFactory.createAPIResponses();
            op.setResponses(responses);
        }
        for (Map.Entry<String, APIResponse> e :
                new ArrayList<>(responses.getAPIResponses().entrySet())) {
            String code = e.getKey();
            APIResponse r = e.getValue();
            if (r.getRef() != null) {
                continue;
            }
            if (ERRORS.containsKey(code) && r.getContent() == null) {
                responses.removeAPIResponse(code); // Quarkus' bare 401/403: replaced by the problem answer below
                continue;
            }
            if (r.getDescription() == null || r.getDescription().isBlank()) {
                r.setDescription(code.equals("201") ? "Created" : code.equals("204") ? "No content" : "OK");
            }
            if (code.equals("201") || code.equals("202")) { // the record created, or where the work's progress is read
                addResponseHeader(r, "Location", "#/components/headers/Location");
            }
            if (code.startsWith("2") && (ifMatch || (onRecord && !command))) {
                addResponseHeader(r, "ETag", "#/components/headers/ETag");
            }
            if (code.startsWith("2")) {
                typeDocuments(r);
            }
        }
        boolean hasBody = op.getRequestBody() != null;
        boolean hasInput =
                hasBody || (op.getParameters() != null && !op.getParameters().isEmpty());
        List<String> codes = new ArrayList<>(List.of("401", "403", "406"));
        if (hasInput || command) {
            codes.add("400");
        }
        if (path.contains("{")) {
            codes.add("404");
        }
        if (command) {
            codes.addAll(List.of("409", "422"));
        }
        if (ifMatch) {
            codes.add("412");
        }
        if (hasBody) {
            codes.addAll(List.of("413", "415"));
        }
        if (path.startsWith("/api/partner")) {
            codes.add("429");
        }
        for (String code : codes) {
            if (!responses.hasAPIResponse(code)) {
                responses.addAPIResponse(
                        code, OASFactory.createAPIResponse().ref("#/components/responses/Problem" + code));
            }
        }
        return roles;
    }

    /**
     * The platform's own documents, a table's .xlsx (SpreadsheetWriter) and CSV (RowStreamCsvWriter):
     * a resource names their media type beside its JSON rows without a schema, which a client generator
     * reads as "anything"; they are strings of bytes (binary unless text). Only a missing schema is
     * filled in: one a resource declares (a page, a Word document, a photo) is its own and stays as
     * written, and any other document without one is left for ApiContractTest to name.
     */
    private static void typeDocuments(APIResponse r) {
        if (r.getContent() == null || r.getContent().getMediaTypes() == null) {
            return;
        }
        r.getContent().getMediaTypes().forEach((type, media) -> {
            String base = type.replaceAll(";.*", "").strip();
            boolean ours = base.equals(SpreadsheetWriter.XLSX) || base.equals(RowStreamCsvWriter.CSV);
            if (ours && media.getSchema() == null) {
                Schema bytes = OASFactory.createSchema().type(List.of(Schema.SchemaType.STRING));
                media.setSchema(base.startsWith("text/") ? bytes : bytes.format("binary"));
            }
        });
    }

    /**
     * Two paths that differ only in a parameter's name (/imports/{jobId} and /imports/{sheet}) are one
     * URL template to a client: the second path's operations move to the first, with the parameter
     * renamed and described as what it is for them.
     */
    private static void mergeEquivalentPaths(OpenAPI openAPI) {
        Map<String, String> firstByShape = new HashMap<>();
        for (String path : new ArrayList<>(openAPI.getPaths().getPathItems().keySet())) {
            String shape = path.replaceAll("\\{[^}]+}", "{}");
            String first = firstByShape.putIfAbsent(shape, path);
            if (first == null) {
                continue;
            }
            List<String> from = names(path);
            List<String> to = names(first);
            PathItem target = openAPI.getPaths().getPathItem(first);
            openAPI.getPaths().getPathItem(path).getOperations().forEach((method, op) -> {
                if (op.getParameters() != null) {
                    for (Parameter p : op.getParameters()) {
                        int i = p.getIn() == Parameter.In.PATH ? from.indexOf(p.getName()) : -1;
                        if (i >= 0 && !from.get(i).equals(to.get(i))) {
                            p.setDescription("The " + words(from.get(i)).toLowerCase(Locale.ROOT)
                                    + " (the path is shared with other operations under this name)");
                            p.setName(to.get(i));
                        }
                    }
                }
                target.setOperation(method, op);
            });
            openAPI.getPaths().removePathItem(path);
        }
    }

    private static List<String> names(String path) {
        List<String> names = new ArrayList<>();
        Matcher m = Pattern.compile("\\{([^}]+)}").matcher(path);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    /** Drops the shared answers, headers and parameters no operation of this service refers to. */
    private static void removeUnused(OpenAPI openAPI) {
        Set<String> refs = referencesIn(openAPI);
        var c = openAPI.getComponents();
        for (String name : new ArrayList<>(c.getResponses().keySet())) {
            if (name.startsWith("Problem") && !refs.contains("#/components/responses/" + name)) {
                c.removeResponse(name);
            }
        }
        for (String name : List.of("IdempotencyKey", "IfMatch")) {
            if (!refs.contains("#/components/parameters/" + name)) {
                c.removeParameter(name);
            }
        }
        for (String name : List.of("Location", "ETag", "RetryAfter")) {
            if (!refs.contains("#/components/headers/" + name)) {
                c.removeHeader(name);
            }
        }
    }

    /** Every $ref in the operations and the shared answers. */
    private static Set<String> referencesIn(OpenAPI openAPI) {
        Set<String> refs = new HashSet<>();
        openAPI.getPaths()
                .getPathItems()
                .values()
                .forEach(item -> item.getOperations().values().forEach(op -> {
                    if (op.getParameters() != null) {
                        op.getParameters().forEach(p -> refs.add(p.getRef()));
                    }
                    if (op.getResponses() != null) {
                        op.getResponses().getAPIResponses().values().forEach(r -> {
                            refs.add(r.getRef());
                            if (r.getHeaders() != null) {
                                r.getHeaders().values().forEach(h -> refs.add(h.getRef()));
                            }
                        });
                    }
                }));
        if (openAPI.getComponents().getResponses() != null) {
            openAPI.getComponents().getResponses().values().forEach(r -> {
                if (r.getHeaders() != null) {
                    r.getHeaders().values().forEach(h -> refs.add(h.getRef()));
                }
            });
        }
        refs.removeIf(Objects::isNull);
        return refs;
    }

    private static void declareShared(OpenAPI openAPI) {
        var components = openAPI.getComponents();
        components.addSchema(
                FIELD_ERROR,
                OASFactory.createSchema()
                        .type(List.of(Schema.SchemaType.OBJECT))
                        .description(
                                "One bad field: its JSON path (e.g. person.sex) or header name, and what is wrong with it")
                        .addProperty("field", OASFactory.createSchema().type(List.of(Schema.SchemaType.STRING)))
                        .addProperty("message", OASFactory.createSchema().type(List.of(Schema.SchemaType.STRING)))
                        .required(List.of("field", "message")));
        components.addSchema(
                PROBLEM,
                OASFactory.createSchema()
                        .type(List.of(Schema.SchemaType.OBJECT))
                        .description("RFC 9457 problem details, with the field errors that caused it")
                        .addProperty(
                                "type",
                                OASFactory.createSchema()
                                        .type(List.of(Schema.SchemaType.STRING))
                                        .format("uri"))
                        .addProperty("title", OASFactory.createSchema().type(List.of(Schema.SchemaType.STRING)))
                        .addProperty(
                                "status",
                                OASFactory.createSchema()
                                        .type(List.of(Schema.SchemaType.INTEGER))
                                        .format("int32"))
                        .addProperty("detail", OASFactory.createSchema().type(List.of(Schema.SchemaType.STRING)))
                        .addProperty(
                                "errors",
                                OASFactory.createSchema()
                                        .type(List.of(Schema.SchemaType.ARRAY))
                                        .items(OASFactory.createSchema().ref("#/components/schemas/" + FIELD_ERROR)))
                        .required(List.of("type", "title", "status")));
        Header retryAfter = OASFactory.createHeader()
                .description("Seconds to wait before retrying")
                .schema(OASFactory.createSchema()
                        .type(List.of(Schema.SchemaType.INTEGER))
                        .minimum(BigDecimal.ZERO));
        components.addHeader("RetryAfter", retryAfter);
        components.addHeader(
                "Location",
                OASFactory.createHeader()
                        .description("Where the created record (201) or the accepted work's progress (202) is read")
                        .schema(OASFactory.createSchema()
                                .type(List.of(Schema.SchemaType.STRING))
                                .format("uri-reference")));
        components.addHeader(
                "ETag",
                OASFactory.createHeader()
                        .description("The record's version; send it back in If-Match to update the record")
                        .schema(OASFactory.createSchema()
                                .type(List.of(Schema.SchemaType.STRING))
                                .examples(List.of("\"3\""))));
        ERRORS.forEach((code, description) -> {
            APIResponse r =
                    OASFactory.createAPIResponse().description(description).content(problemContent());
            if (code.equals("409") || code.equals("429")) {
                r.addHeader("Retry-After", OASFactory.createHeader().ref("#/components/headers/RetryAfter"));
            }
            components.addResponse("Problem" + code, r);
        });
        components.addParameter(
                "IdempotencyKey",
                OASFactory.createParameter()
                        .name("Idempotency-Key")
                        .in(Parameter.In.HEADER)
                        .required(false)
                        .description(
                                "Makes a retried command safe: the same key with the same body answers the first answer again")
                        .schema(OASFactory.createSchema()
                                .type(List.of(Schema.SchemaType.STRING))
                                .minLength(1)
                                .maxLength(200)));
        components.addParameter(
                "IfMatch",
                OASFactory.createParameter()
                        .name("If-Match")
                        .in(Parameter.In.HEADER)
                        .required(false)
                        .description(
                                "The ETag the record was read at; the command is refused with 412 if it changed since")
                        .schema(OASFactory.createSchema()
                                .type(List.of(Schema.SchemaType.STRING))
                                .examples(List.of("\"3\""))));
    }

    private static Content problemContent() {
        return OASFactory.createContent()
                .addMediaType(
                        PROBLEM_JSON,
                        OASFactory.createMediaType()
                                .schema(OASFactory.createSchema().ref("#/components/schemas/" + PROBLEM)));
    }

    private static boolean hasHeader(Operation op, String name) {
        return op.getParameters() != null
                && op.getParameters().stream()
                        .anyMatch(p -> name.equalsIgnoreCase(p.getName()) && p.getIn() == Parameter.In.HEADER);
    }

    private static void addHeader(Operation op, String ref, String name) {
        if (op.getParameters() != null) {
            for (Parameter p : op.getParameters()) {
                if (name.equalsIgnoreCase(p.getName()) && p.getIn() == Parameter.In.HEADER) {
                    op.removeParameter(p);
                    break;
                }
            }
        }
        op.addParameter(OASFactory.createParameter().ref(ref));
    }

    private static void addResponseHeader(APIResponse r, String name, String ref) {
        if (r.getHeaders() == null || !r.getHeaders().containsKey(name)) {
            r.addHeader(name, OASFactory.createHeader().ref(ref));
        }
    }

    /** The feature an operation belongs to: the first path segment after /api (or /q). */
    static String feature(String path) {
        String[] parts = path.replaceFirst("^/(api|q)/", "").split("/");
        String first = parts[0].isEmpty() ? "platform" : parts[0];
        if ((first.equals("reports") || first.equals("partner")) && parts.length > 1 && !parts[1].startsWith("{")) {
            return first + "-" + parts[1];
        }
        return first;
    }

    /** The record a path acts on: its last word, singular when the operation acts on one record. */
    static String record(String path, boolean one) {
        String[] parts = path.split("/");
        int last = parts.length - 1;
        while (last > 0 && parts[last].startsWith("{")) {
            last--;
        }
        String word = parts[last];
        if (!one || word.endsWith("ss") || !word.endsWith("s")) {
            return word;
        }
        return word.endsWith("ies") ? word.substring(0, word.length() - 3) + "y" : word.substring(0, word.length() - 1);
    }

    static String capital(String word) {
        return word.isEmpty() ? word : Character.toUpperCase(word.charAt(0)) + word.substring(1);
    }

    static String camel(String text) {
        StringBuilder out = new StringBuilder();
        boolean upper = false;
        for (char c : text.toCharArray()) {
            if (!Character.isLetterOrDigit(c)) {
                upper = out.length() > 0;
            } else {
                out.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return out.toString();
    }

    static String words(String camel) {
        String spaced = camel.replaceAll("([a-z0-9])([A-Z])", "$1 $2").toLowerCase(Locale.ROOT);
        return Character.toUpperCase(spaced.charAt(0)) + spaced.substring(1);
    }
}
