package org.homeward.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** Which PostgreSQL and broker a test run gets: the local ones unless Testcontainers are asked for. */
class ContainersTest {

    @AfterEach
    void forget() {
        System.clearProperty("homeward.testcontainers");
    }

    @Test
    void without_the_profile_the_tests_use_the_local_postgresql() {
        Assumptions.assumeFalse("true".equalsIgnoreCase(System.getenv("HOMEWARD_TESTCONTAINERS")));
        System.setProperty("homeward.testcontainers", "false");
        assertThat(Containers.requested()).isFalse();
        String given = System.getenv("HOMEWARD_PG");
        assertThat(TestDatabases.hostPort()).isEqualTo(given == null || given.isBlank() ? "127.0.0.1:5432" : given);
    }

    @Test
    void asked_for_where_no_docker_engine_answers_it_fails_and_says_what_to_run_instead() {
        Assumptions.assumeFalse(Containers.dockerAvailable(), "a Docker engine answers here");
        System.setProperty("homeward.testcontainers", "true");
        assertThatThrownBy(Containers::requested)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no Docker engine")
                .hasMessageContaining("./homeward test");
        assertThatThrownBy(TestDatabases::hostPort).hasMessageContaining("no Docker engine");
    }

    @Test
    void asked_for_where_docker_runs_the_databases_and_the_broker_are_containers() {
        Assumptions.assumeTrue(Containers.dockerAvailable(), "no Docker engine here");
        System.setProperty("homeward.testcontainers", "true");
        assertThat(TestDatabases.hostPort()).isEqualTo(Containers.postgresHostPort());
        assertThat(TestDatabases.fresh("homeward_containers_probe")).contains(Containers.postgresHostPort());
        assertThat(TestKafka.bootstrapServers()).isEqualTo(Containers.kafkaBootstrapServers());
    }
}
