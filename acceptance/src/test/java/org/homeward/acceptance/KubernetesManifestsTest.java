package org.homeward.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The Kubernetes manifests (deploy/k8s) cannot be applied here (no cluster): check that they match
 * the services' own configuration — names, ports, every configuration key a service reads, its
 * database and topics — and the operators' resources they rely on (Strimzi, CloudNativePG).
 */
class KubernetesManifestsTest {
    static final Path ROOT =
            Path.of(System.getProperty("homeward.root", "..")).toAbsolutePath().normalize();
    static final Path BASE = ROOT.resolve("deploy/k8s/base");
    static final Pattern KEY = Pattern.compile("\\$\\{(HOMEWARD_[A-Z_]+):");
    /** Read by the JVM, not by the service's configuration. */
    static final Set<String> JVM_ONLY = Set.of("JAVA_TOOL_OPTIONS");

    @Test
    void every_resource_listed_exists_and_parses_and_the_overlay_builds_on_the_base() throws IOException {
        for (Path dir : List.of(BASE, ROOT.resolve("deploy/k8s/overlays/national"))) {
            JsonNode kustomization = yaml(dir.resolve("kustomization.yaml")).get(0);
            for (JsonNode resource : kustomization.get("resources")) {
                Path path = dir.resolve(resource.asText()).normalize();
                assertThat(path).as("resource %s of %s", resource.asText(), dir).exists();
                if (Files.isRegularFile(path)) {
                    assertThat(yaml(path))
                            .allSatisfy(doc -> assertThat(doc.has("kind")).isTrue());
                }
            }
        }
        JsonNode national = yaml(ROOT.resolve("deploy/k8s/overlays/national/kustomization.yaml"))
                .get(0);
        for (JsonNode patch : national.get("patches")) {
            String kind = patch.get("target").get("kind").asText();
            JsonNode name = patch.get("target").get("name");
            assertThat(all().stream()
                            .anyMatch(d -> d.get("kind").asText().equals(kind)
                                    && (name == null
                                            || d.get("metadata")
                                                    .get("name")
                                                    .asText()
                                                    .equals(name.asText()))))
                    .as("the overlay patches %s %s of the base", kind, name)
                    .isTrue();
        }
    }

    @Test
    void kafka_runs_in_kraft_mode_on_a_node_pool_with_the_topics_the_services_use() throws IOException {
        JsonNode kafka = one("Kafka");
        String cluster = kafka.get("metadata").get("name").asText();
        assertThat(kafka.get("metadata")
                        .get("annotations")
                        .get("strimzi.io/kraft")
                        .asText())
                .isEqualTo("enabled");
        JsonNode pool = one("KafkaNodePool");
        assertThat(pool.get("metadata").get("labels").get("strimzi.io/cluster").asText())
                .isEqualTo(cluster);
        assertThat(texts(pool.get("spec").get("roles"))).containsExactlyInAnyOrder("controller", "broker");
        assertThat(kafka.get("spec")
                        .get("kafka")
                        .get("config")
                        .get("auto.create.topics.enable")
                        .asBoolean())
                .isFalse();

        Map<String, JsonNode> topics = of("KafkaTopic").stream()
                .peek(t -> assertThat(t.get("metadata")
                                .get("labels")
                                .get("strimzi.io/cluster")
                                .asText())
                        .isEqualTo(cluster))
                .collect(Collectors.toMap(t -> t.get("spec").get("topicName").asText(), t -> t));
        Set<String> used = new HashSet<>();
        for (String service : List.of("intake", "search", "outreach", "reporting")) {
            Properties props = properties(service);
            for (String name : props.stringPropertyNames()) {
                if (name.endsWith(".topic") || name.endsWith("topic-prefix")) {
                    String value = props.getProperty(name);
                    if (name.endsWith("topic-prefix")) {
                        for (String t : List.of("intake", "search", "outreach")) {
                            used.add(prefix() + "." + t);
                        }
                    } else {
                        used.add(value.replaceAll("\\$\\{[^}]*}", prefix())
                                .replace("${homeward.topic-prefix}", prefix()));
                    }
                }
            }
        }
        assertThat(used).contains("homeward.intake", "homeward.dlq.reporting");
        assertThat(topics.keySet()).containsAll(used);
        for (String events : List.of("intake", "search", "outreach")) { // a rebuild reads them from the beginning
            JsonNode config = topics.get(prefix() + "." + events).get("spec").get("config");
            assertThat(config.get("retention.ms").asLong()).isEqualTo(-1);
            assertThat(topics.get(prefix() + "." + events)
                            .get("spec")
                            .get("partitions")
                            .asInt())
                    .isGreaterThanOrEqualTo(12);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"intake", "search", "outreach", "reporting"})
    void each_service_gets_its_port_probes_resources_database_and_every_key_it_reads(String service)
            throws IOException {
        String raw = Files.readString(ROOT.resolve(service + "-service/src/main/resources/application.properties"));
        Properties props = properties(service);
        String port = defaultOf(props.getProperty("quarkus.http.port"));
        JsonNode deployment = named("Deployment", service + "-service");
        JsonNode container = deployment
                .get("spec")
                .get("template")
                .get("spec")
                .get("containers")
                .get(0);
        assertThat(container.get("image").asText()).isEqualTo("homeward/" + service + "-service");
        assertThat(container.get("ports").get(0).get("containerPort").asText()).isEqualTo(port);
        JsonNode svc = named("Service", service + "-service");
        assertThat(svc.get("spec").get("ports").get(0).get("port").asText()).isEqualTo(port);
        assertThat(svc.get("spec").get("selector"))
                .isEqualTo(deployment.get("spec").get("selector").get("matchLabels"));
        assertThat(container.get("livenessProbe").get("httpGet").get("path").asText())
                .isEqualTo("/q/health/live");
        assertThat(container.get("readinessProbe").get("httpGet").get("path").asText())
                .isEqualTo("/q/health/ready");
        assertThat(container.get("resources").get("requests").has("cpu")).isTrue();
        assertThat(container.get("resources").get("requests").has("memory")).isTrue();

        // Every key given is one the service reads, and every key the service reads is given.
        Map<String, String> given = new HashMap<>();
        for (JsonNode from : container.get("envFrom")) {
            JsonNode map =
                    named("ConfigMap", from.get("configMapRef").get("name").asText());
            map.get("data")
                    .fields()
                    .forEachRemaining(e -> given.put(e.getKey(), e.getValue().asText()));
        }
        Map<String, JsonNode> env = new HashMap<>();
        container.get("env").forEach(e -> env.put(e.get("name").asText(), e));
        env.forEach((k, v) -> given.put(k, v.has("value") ? v.get("value").asText() : "(secret)"));
        given.keySet().stream()
                .filter(k -> !JVM_ONLY.contains(k))
                .forEach(key -> assertThat(raw)
                        .as(key + " is read by " + service + "-service")
                        .contains("${" + key + ":"));
        Matcher read = KEY.matcher(raw);
        while (read.find()) {
            assertThat(given)
                    .as(read.group(1) + ", read by " + service + "-service, is given")
                    .containsKey(read.group(1));
        }
        assertThat(given.get("HOMEWARD_" + service.toUpperCase() + "_PORT")).isEqualTo(port);

        // Its database: a CloudNativePG cluster creating the database the service names, through the -rw service.
        String database = props.getProperty("quarkus.datasource.jdbc.url").replaceAll(".*/", "");
        JsonNode db = of("Cluster").stream()
                .filter(c -> c.get("spec")
                        .get("bootstrap")
                        .get("initdb")
                        .get("database")
                        .asText()
                        .equals(database))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no CloudNativePG cluster creates " + database));
        String clusterName = db.get("metadata").get("name").asText();
        assertThat(given.get("HOMEWARD_DB_URL")).isEqualTo("jdbc:postgresql://" + clusterName + "-rw:5432");
        for (String key : List.of("HOMEWARD_DB_USER", "HOMEWARD_DB_PASSWORD")) {
            assertThat(env.get(key)
                            .get("valueFrom")
                            .get("secretKeyRef")
                            .get("name")
                            .asText())
                    .isEqualTo(clusterName + "-app");
        }
        JsonNode kafka = one("Kafka");
        assertThat(given.get("HOMEWARD_KAFKA"))
                .isEqualTo(kafka.get("metadata").get("name").asText() + "-kafka-bootstrap:"
                        + kafka.get("spec")
                                .get("kafka")
                                .get("listeners")
                                .get(0)
                                .get("port")
                                .asText());
        assertThat(given.get("HOMEWARD_JWT_PUBLIC_KEY"))
                .startsWith("file:"
                        + container.get("volumeMounts").get(0).get("mountPath").asText() + "/");
    }

    @Test
    void only_services_that_can_run_as_several_instances_scale_and_never_past_the_partitions() throws IOException {
        int partitions = named("KafkaTopic", "homeward-intake")
                .get("spec")
                .get("partitions")
                .asInt();
        List<String> scaled = new ArrayList<>();
        for (JsonNode hpa : of("HorizontalPodAutoscaler")) {
            String target = hpa.get("spec").get("scaleTargetRef").get("name").asText();
            named("Deployment", target);
            assertThat(hpa.get("spec").get("maxReplicas").asInt()).isLessThanOrEqualTo(partitions);
            scaled.add(target);
        }
        assertThat(scaled).containsExactlyInAnyOrder("intake-service", "search-service", "outreach-service");
        assertThat(named("Deployment", "reporting-service")
                        .get("spec")
                        .get("replicas")
                        .asInt())
                .isEqualTo(1);
    }

    @Test
    void the_secrets_the_operators_do_not_make_are_explained_in_the_readme() throws IOException {
        Set<String> made = of("Cluster").stream()
                .map(c -> c.get("metadata").get("name").asText() + "-app")
                .collect(Collectors.toSet());
        Set<String> referenced = new HashSet<>();
        for (JsonNode d : of("Deployment")) {
            d.findValues("secretKeyRef")
                    .forEach(r -> referenced.add(r.get("name").asText()));
            d.findValues("secretName").forEach(r -> referenced.add(r.asText()));
        }
        referenced.removeAll(made);
        assertThat(referenced).containsExactlyInAnyOrder("homeward-jwt", "homeward-master-key");
        String readme = Files.readString(ROOT.resolve("README.md"));
        referenced.forEach(secret -> assertThat(readme).contains("kubectl create secret generic " + secret));
    }

    private static String prefix() throws IOException {
        return named("ConfigMap", "homeward-config")
                .get("data")
                .get("HOMEWARD_TOPIC_PREFIX")
                .asText();
    }

    private static Properties properties(String service) throws IOException {
        Properties props = new Properties();
        props.load(new StringReader(
                Files.readString(ROOT.resolve(service + "-service/src/main/resources/application.properties"))));
        return props;
    }

    private static String defaultOf(String expression) {
        Matcher m = Pattern.compile("\\$\\{[A-Z_]+:(\\d+)}").matcher(expression);
        return m.matches() ? m.group(1) : expression;
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static JsonNode one(String kind) throws IOException {
        List<JsonNode> found = of(kind);
        assertThat(found).as("one " + kind).hasSize(1);
        return found.get(0);
    }

    private static JsonNode named(String kind, String name) throws IOException {
        return of(kind).stream()
                .filter(d -> d.get("metadata").get("name").asText().equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + " named " + name + " in deploy/k8s/base"));
    }

    private static List<JsonNode> of(String kind) throws IOException {
        return all().stream().filter(d -> d.get("kind").asText().equals(kind)).toList();
    }

    /** Every document of every resource of the base. */
    private static List<JsonNode> all() throws IOException {
        List<JsonNode> docs = new ArrayList<>();
        for (JsonNode resource : yaml(BASE.resolve("kustomization.yaml")).get(0).get("resources")) {
            docs.addAll(yaml(BASE.resolve(resource.asText())));
        }
        return docs;
    }

    private static List<JsonNode> yaml(Path file) throws IOException {
        ObjectMapper mapper = new ObjectMapper(new YAMLFactory());
        List<JsonNode> docs = new ArrayList<>();
        try (var parser = mapper.getFactory().createParser(file.toFile())) {
            var it = mapper.readValues(parser, JsonNode.class);
            while (it.hasNext()) {
                JsonNode doc = it.next();
                if (doc != null && !doc.isNull() && !doc.isMissingNode()) {
                    docs.add(doc);
                }
            }
        }
        return docs;
    }
}
