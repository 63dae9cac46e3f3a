package org.homeward.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** docker-compose.yml cannot run here (no Docker engine): check that it matches the services' own configuration. */
class DockerComposeTest {
    static final Path ROOT =
            Path.of(System.getProperty("homeward.root", "..")).toAbsolutePath().normalize();

    @Test
    void kafka_and_postgres_are_there_with_health_checks() throws IOException {
        JsonNode services = compose().get("services");
        assertThat(services.has("kafka")).isTrue();
        assertThat(services.get("kafka")
                        .path("environment")
                        .path("KAFKA_PROCESS_ROLES")
                        .asText())
                .isEqualTo("broker,controller");
        assertThat(services.get("postgres").has("healthcheck")).isTrue();
        assertThat(services.get("kafka").has("healthcheck")).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"intake", "search", "outreach", "reporting"})
    void each_service_matches_its_application_properties(String service) throws IOException {
        JsonNode s = compose().get("services").get(service + "-service");
        assertThat(s).as(service + "-service in docker-compose.yml").isNotNull();
        String raw = Files.readString(ROOT.resolve(service + "-service/src/main/resources/application.properties"));
        Properties props = new Properties();
        props.load(new StringReader(raw));

        String port = defaultOf(props.getProperty("quarkus.http.port"));
        assertThat(s.get("ports").get(0).asText()).isEqualTo(port + ":" + port);
        s.get("environment")
                .fieldNames()
                .forEachRemaining(key -> assertThat(raw)
                        .as(key + " is read by " + service + "-service")
                        .contains("${" + key + ":"));
        assertThat(s.get("environment").get("HOMEWARD_KAFKA").asText()).isEqualTo("kafka:9092");
        String database = props.getProperty("quarkus.datasource.jdbc.url").replaceAll(".*/", "");
        assertThat(Files.readString(ROOT.resolve("docker/postgres-init.sql")))
                .contains("CREATE DATABASE " + database + ";");
        assertThat(s.get("volumes").get(0).asText()).startsWith("./" + service + "-service/target/quarkus-app:");
        assertThat(s.get("depends_on").has("kafka")).isTrue();
        assertThat(s.get("depends_on").has("postgres")).isTrue();
        assertThat(s.get("healthcheck").get("test").toString()).contains("/" + port);
    }

    private static String defaultOf(String expression) {
        Matcher m = Pattern.compile("\\$\\{[A-Z_]+:(\\d+)}").matcher(expression);
        return m.matches() ? m.group(1) : expression;
    }

    private static JsonNode compose() throws IOException {
        return new ObjectMapper(new YAMLFactory())
                .readTree(ROOT.resolve("docker-compose.yml").toFile());
    }
}
