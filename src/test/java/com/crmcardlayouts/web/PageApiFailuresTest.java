package com.crmcardlayouts.web;

import com.crmcardlayouts.portal.PortalRegistry;
import com.crmcardlayouts.simulator.Simulator;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;

import static com.crmcardlayouts.simulator.SimUsers.ADMIN;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.emptyOrNullString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

/** Whatever goes wrong under /api/, the answer is the page API's JSON error with the right status. */
@QuarkusTest
class PageApiFailuresTest {

    @Inject
    Simulator simulator;
    @Inject
    PortalRegistry portals;

    InstalledPortal portal;
    String admin;

    @BeforeEach
    void install() {
        portal = InstalledPortal.install(simulator, portals);
        admin = InstalledPortal.sessionOf(portal.app(ADMIN, "en"));
    }

    private static ValidatableResponse isApiError(ValidatableResponse response, int status, String code) {
        return response.statusCode(status).contentType(ContentType.JSON)
                .body("error", equalTo(code)).body("message", not(emptyOrNullString()))
                .header("Cache-Control", "no-store");
    }

    @Test
    void the_journal_of_an_uninstalled_portal_answers_not_installed() {
        portals.uninstall(portal.portalId, portals.find(portal.portalId).orElseThrow().installedAt);
        isApiError(given().header("Authorization", "Bearer " + admin).get("/api/audit?page=1").then(), 409, "NOT_INSTALLED");
    }

    @Test
    void a_journal_page_that_is_no_positive_number_is_invalid_input() {
        isApiError(given().header("Authorization", "Bearer " + admin).get("/api/audit?page=abc").then(), 400, "INVALID_INPUT")
                .body("message", equalTo("\"page\" must be a whole number of 1 or more."));
        isApiError(given().header("Authorization", "Bearer " + admin).get("/api/audit?page=0").then(), 400, "INVALID_INPUT");
        given().header("Authorization", "Bearer " + admin).get("/api/audit").then().statusCode(200);
    }

    @Test
    void a_body_over_the_http_limit_is_too_large() {
        byte[] twoMiB = new byte[2 * 1024 * 1024];
        isApiError(given().header("Authorization", "Bearer " + admin).contentType(ContentType.JSON).body(twoMiB)
                .put("/api/settings").then(), 413, "PAYLOAD_TOO_LARGE");
    }

    @Test
    void a_chunked_body_over_the_http_limit_is_too_large() {
        ByteArrayInputStream twoMiB = new ByteArrayInputStream(new byte[2 * 1024 * 1024]);
        isApiError(given().header("Authorization", "Bearer " + admin).contentType(ContentType.JSON).body(twoMiB)
                .put("/api/settings").then(), 413, "PAYLOAD_TOO_LARGE");
    }

    @Test
    void an_unknown_address_is_not_found() {
        isApiError(given().get("/api/no-such-thing").then(), 404, "NOT_FOUND");
        isApiError(given().get("/api/audit/older").then(), 404, "NOT_FOUND");
    }

    @Test
    void a_method_the_address_does_not_take_is_not_allowed() {
        isApiError(given().header("Authorization", "Bearer " + admin).post("/api/audit").then(), 405, "METHOD_NOT_ALLOWED");
        isApiError(given().get("/api/settings").then(), 405, "METHOD_NOT_ALLOWED");
    }

    @Test
    void a_media_type_the_api_cannot_answer_in_is_not_acceptable() {
        isApiError(given().header("Authorization", "Bearer " + admin).accept("application/xml").get("/api/audit").then(),
                406, "NOT_ACCEPTABLE");
    }

    @Test
    void a_body_that_is_not_json_is_an_unsupported_media_type() {
        isApiError(given().header("Authorization", "Bearer " + admin).contentType(ContentType.TEXT).body("tabs=LEAD")
                .put("/api/settings").then(), 415, "UNSUPPORTED_MEDIA_TYPE");
    }

    @Test
    void an_unexpected_failure_is_an_internal_error_without_details() {
        isApiError(given().get("/api/test-only/failing").then(), 500, "INTERNAL_ERROR")
                .body(not(containsString("nobody expected")));
    }

    @Test
    void errors_outside_the_api_keep_the_frameworks_answers() {
        given().get("/no-such-page").then().statusCode(404).contentType(not(containsString("json")));
    }
}
