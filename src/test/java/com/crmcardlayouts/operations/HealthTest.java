package com.crmcardlayouts.operations;

import com.crmcardlayouts.testing.ManagementTestPort;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

/** Health is answered on the app's own port, the one that takes the traffic; not on the management port. */
@QuarkusTest
class HealthTest {

    @Test
    void readiness_reports_the_database_up() {
        given().get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItem("Database connections health check"));
    }

    @Test
    void liveness_is_up() {
        given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void the_management_port_has_no_health_endpoint() {
        given().port(ManagementTestPort.port()).get("/q/health/ready").then().statusCode(404);
    }
}
