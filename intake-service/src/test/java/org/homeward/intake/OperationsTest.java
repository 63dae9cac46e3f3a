package org.homeward.intake;

import static org.hamcrest.Matchers.containsString;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import org.hamcrest.Matchers;
import org.homeward.testsupport.HomewardServiceResource;
import org.homeward.testsupport.Tokens;
import org.junit.jupiter.api.Test;

/** Operational metrics are served to monitoring only, and carry the figures an operator watches. */
@QuarkusTest
@QuarkusTestResource(
        value = HomewardServiceResource.class,
        initArgs = @ResourceArg(name = "database", value = "homeward_intake_test"))
class OperationsTest {
    static final Tokens TOKENS = Tokens.forTests();

    @Test
    void metrics_need_a_monitoring_or_admin_token() {
        RestAssured.given().noFilters().get("/q/metrics").then().statusCode(401);
        RestAssured.given()
                .noFilters()
                .header("Authorization", "Bearer " + TOKENS.token("STATION_STAFF"))
                .get("/q/metrics")
                .then()
                .statusCode(403);
        RestAssured.given()
                .noFilters()
                .header("Authorization", "Bearer " + TOKENS.token("ADMIN"))
                .get("/q/metrics")
                .then()
                .statusCode(200);
    }

    @Test
    void metrics_show_outbox_backlog_consumer_lag_dead_letters_drift_and_command_latency() {
        RestAssured.given()
                .noFilters()
                .header("Authorization", "Bearer " + TOKENS.token("ADMIN"))
                .get("/api/stations");
        RestAssured.given()
                .noFilters()
                .header("Authorization", "Bearer " + TOKENS.token("MONITORING"))
                .get("/q/metrics")
                .then()
                .statusCode(200)
                .body(containsString("homeward_outbox_backlog"))
                .body(containsString("homeward_outbox_lag_seconds"))
                .body(containsString("homeward_consumer_lag{channel=\"search-events\""))
                .body(containsString("homeward_reconciliation_drift{channel=\"outreach-events\""))
                .body(containsString("homeward_dead_letters_pending"))
                .body(containsString("homeward_consumers_waiting"))
                .body(containsString("http_server_requests_seconds_bucket"));
    }

    @Test
    void the_operations_endpoints_are_documented_for_client_generators() {
        RestAssured.given()
                .noFilters()
                .accept("application/json")
                .get("/q/openapi")
                .then()
                .statusCode(200)
                .body("paths.'/api/admin/dead-letters'.get.operationId", Matchers.equalTo("listDeadLetters"))
                .body(
                        "paths.'/api/admin/dead-letters/{topic}/{partition}/{offset}/replay'.post.operationId",
                        Matchers.equalTo("replayDeadLetter"))
                .body(
                        "paths.'/api/admin/dead-letters/{topic}/{partition}/{offset}/replay'.post.responses.'409'.content",
                        Matchers.hasKey("application/problem+json"))
                .body("paths.'/api/admin/reconciliation'.get.operationId", Matchers.equalTo("getReconciliation"));
    }
}
