package com.crmcardlayouts.simulator;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Where the simulator's answers once differed from recorded Bitrix24 answers, and what tests count on. */
@QuarkusTest
class FidelityTest extends FreshPortalTest {

    @AfterEach
    void noDelay() {
        simulator.setRequestDelay(Duration.ZERO);
    }

    private String token(long userId) {
        return portal.issueTokens(userId).accessToken();
    }

    @Test
    void time_numbers_are_plain_decimals_as_php_writes_them() {
        String body = given().auth().oauth2(token(1)).get("/simulator/portal/demo/rest/profile").then().statusCode(200)
                .extract().asString();
        assertTrue(body.matches("(?s).*\"start\":\\d{10}\\.\\d{6},.*"), body);
        assertTrue(body.matches("(?s).*\"duration\":\\d+\\.\\d{6},.*"), body);
        assertTrue(!body.matches("(?s).*\"time\":\\{[^}]*[0-9]E[-0-9].*"), "no exponent in time: " + body);
    }

    @Test
    void slashes_are_escaped_as_php_does() {
        String body = given().auth().oauth2(token(1)).get("/simulator/oauth/rest/app.info").then().statusCode(200)
                .extract().asString();
        assertTrue(body.contains("\"client_endpoint\":\"http:\\/\\/"), body);
        given().auth().oauth2(token(1)).get("/simulator/oauth/rest/app.info").then()
                .body("result.install.client_endpoint", equalTo(portal.clientEndpoint()));
    }

    @Test
    void server_time_answers_the_portal_time_with_its_offset() {
        given().auth().oauth2(token(1)).get("/simulator/portal/demo/rest/server.time").then().statusCode(200)
                .body("result", matchesPattern("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d([+-]\\d\\d:\\d\\d|Z)"));
    }

    @Test
    void user_get_with_start_minus_one_does_not_count() {
        given().auth().oauth2(token(1)).queryParam("start", -1).get("/simulator/portal/demo/rest/user.get").then().statusCode(200)
                .body("$", not(hasKey("total")))
                .body("$", not(hasKey("next")));
        given().auth().oauth2(token(1)).get("/simulator/portal/demo/rest/user.get").then().statusCode(200)
                .body("total", equalTo(portal.users().size()));
    }

    @Test
    void a_refresh_answer_names_the_oauth_server_as_domain_and_app_as_scope() {
        IssuedTokens tokens = portal.issueTokens(2);
        OAuthServerTest.refresh(tokens.refreshToken()).then().statusCode(200)
                .body("scope", equalTo("app"))
                .body("domain", equalTo(URI.create(simulator.baseUrl()).getAuthority()));
    }

    @Test
    void an_item_tells_its_category_and_a_type_lists_its_categories() {
        portal.crm().putItem(CrmEntityTypes.DEAL, 42, 3);
        given().auth().oauth2(token(1)).queryParam("entityTypeId", 2).queryParam("id", 42)
                .get("/simulator/portal/demo/rest/crm.item.get").then().statusCode(200)
                .body("result.item.categoryId", equalTo(3));
        given().auth().oauth2(token(1)).queryParam("entityTypeId", 2).queryParam("id", 4242)
                .get("/simulator/portal/demo/rest/crm.item.get").then().statusCode(400)
                .body("error", equalTo("NOT_FOUND"));
        given().auth().oauth2(token(1)).queryParam("entityTypeId", 2)
                .get("/simulator/portal/demo/rest/crm.category.list").then().statusCode(200)
                .body("result.categories.id", equalTo(List.of(0, 3)))
                .body("result.categories[0].isDefault", equalTo("Y"));
        given().auth().oauth2(token(1)).queryParam("entityTypeId", SimPortal.SMART_PROCESS_ID)
                .get("/simulator/portal/demo/rest/crm.category.list").then().statusCode(200)
                .body("result.categories.id", equalTo(List.of(0, 5)));
    }

    @Test
    void the_request_log_counts_a_batch_once_with_its_commands() {
        RequestLog.Mark mark = portal.requestLog().mark();
        given().auth().oauth2(token(1)).contentType("application/json")
                .body("{\"halt\":0,\"cmd\":{\"a\":\"profile\",\"b\":\"user.get?FILTER[ACTIVE]=1\"}}")
                .post("/simulator/portal/demo/rest/batch").then().statusCode(200);
        given().auth().oauth2("bogus").get("/simulator/portal/demo/rest/profile").then().statusCode(401);

        List<RequestLog.Entry> requests = portal.requestLog().since(mark);
        assertEquals(2, requests.size(), requests.toString());
        assertEquals("batch", requests.get(0).method());
        assertEquals(List.of("profile", "user.get"), requests.get(0).commands());
        assertEquals(2, portal.requestLog().count(RequestLog.Kind.PORTAL, mark));
        assertEquals(2, portal.restCallCount("profile"), "as a command and alone");
        assertEquals(1, portal.requestLog().refusals("invalid_token"));
    }

    @Test
    void answers_report_the_methods_time_of_the_last_ten_minutes_and_refuse_it_at_the_limit() {
        String token = token(1);
        Instant spentAt = Instant.now().minus(Duration.ofMinutes(9));
        portal.operatingTime().spend("profile", 473, spentAt);
        portal.operatingTime().setCost("profile", 4);

        given().auth().oauth2(token).get("/simulator/portal/demo/rest/profile").then().statusCode(200)
                .body("time.operating", greaterThanOrEqualTo(477f))
                .body("time.operating_reset_at", equalTo((int) spentAt.plus(Duration.ofMinutes(10)).getEpochSecond()));
        given().auth().oauth2(token).get("/simulator/portal/demo/rest/profile").then().statusCode(200);
        given().auth().oauth2(token).get("/simulator/portal/demo/rest/profile").then().statusCode(429)
                .body("error", equalTo("OPERATION_TIME_LIMIT"))
                .body("error_description", equalTo("Method is blocked due to operation time limit."));
        given().auth().oauth2(token).get("/simulator/portal/demo/rest/user.get").then().statusCode(200)
                .body("time.operating", lessThan(1f));
    }

    @Test
    void a_batch_counts_its_commands_time_but_not_its_own() {
        portal.operatingTime().setCost("profile", 2);
        given().auth().oauth2(token(1)).contentType("application/json")
                .body("{\"halt\":0,\"cmd\":{\"a\":\"profile\",\"b\":\"profile\"}}")
                .post("/simulator/portal/demo/rest/batch").then().statusCode(200)
                .body("result.result_time.b.operating", greaterThanOrEqualTo(4f))
                .body("time", not(hasKey("operating")));
        assertTrue(portal.operatingTime().used("batch", Instant.now()) == 0);
    }

    @Test
    void a_request_delay_makes_each_request_take_at_least_that_long() {
        simulator.setRequestDelay(Duration.ofMillis(300));
        long start = System.nanoTime();
        given().auth().oauth2(token(1)).get("/simulator/portal/demo/rest/profile").then().statusCode(200);
        assertTrue(Duration.ofNanos(System.nanoTime() - start).toMillis() >= 300);
    }
}
