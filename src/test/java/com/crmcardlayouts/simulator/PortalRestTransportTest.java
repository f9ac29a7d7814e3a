package com.crmcardlayouts.simulator;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

@QuarkusTest
class PortalRestTransportTest extends FreshPortalTest {

    @Test
    void success_has_result_and_time_envelope() {
        given().queryParam("auth", portal.issueTokens(1).accessToken())
                .get("/simulator/portal/demo/rest/user.admin")
                .then().statusCode(200)
                .contentType(containsString("application/json"))
                .header("Content-Type", containsString("charset=utf-8"))
                .body("result", equalTo(true))
                .body("time.start", notNullValue())
                .body("time.finish", notNullValue())
                .body("time.duration", notNullValue())
                .body("time.processing", notNullValue())
                .body("time.date_start", notNullValue())
                .body("time.date_finish", notNullValue());
    }

    @Test
    void unknown_method_is_404_even_without_auth() {
        given().get("/simulator/portal/demo/rest/crm.item.details.configuration.gett")
                .then().statusCode(404)
                .body("error", equalTo("ERROR_METHOD_NOT_FOUND"))
                .body("error_description", equalTo("Method not found!"))
                .body("$", not(hasKey("time")));
    }

    @Test
    void missing_auth_is_NO_AUTH_FOUND() {
        given().get("/simulator/portal/demo/rest/profile")
                .then().statusCode(401)
                .body("error", equalTo("NO_AUTH_FOUND"))
                .body("error_description", equalTo("Wrong authorization data"));
    }

    @Test
    void unknown_token_is_invalid_token() {
        given().auth().oauth2("bogus").get("/simulator/portal/demo/rest/profile")
                .then().statusCode(401).body("error", equalTo("invalid_token"));
    }

    @Test
    void a_token_of_another_portal_is_invalid_here() {
        SimPortal other = simulator.createPortal();

        given().auth().oauth2(other.issueTokens(1).accessToken()).get("/simulator/portal/demo/rest/profile")
                .then().statusCode(401).body("error", equalTo("invalid_token"));
    }

    @Test
    void expired_token_is_expired_token() {
        String token = portal.issueTokens(1).accessToken();
        portal.expireAllAccessTokens();

        given().auth().oauth2(token).get("/simulator/portal/demo/rest/profile")
                .then().statusCode(401)
                .body("error", equalTo("expired_token"))
                .body("error_description", equalTo("The access token provided has expired"));
    }

    @Test
    void token_is_accepted_as_bearer_auth_or_access_token_parameter() {
        given().auth().oauth2(portal.issueTokens(2).accessToken()).post("/simulator/portal/demo/rest/profile")
                .then().statusCode(200).body("result.ID", equalTo("2"));
        given().formParam("auth", portal.issueTokens(3).accessToken()).post("/simulator/portal/demo/rest/profile")
                .then().statusCode(200).body("result.ID", equalTo("3"));
        given().queryParam("access_token", portal.issueTokens(4).accessToken()).get("/simulator/portal/demo/rest/profile")
                .then().statusCode(200).body("result.ID", equalTo("4"));
    }

    @Test
    void method_names_are_case_insensitive_and_may_end_in_json() {
        String token = portal.issueTokens(1).accessToken();

        given().auth().oauth2(token).get("/simulator/portal/demo/rest/USER.Admin.json")
                .then().statusCode(200).body("result", equalTo(true));
        assertThat(portal.restCallCount("user.admin"), is(1));
    }

    @Test
    void body_parameters_override_the_query() {
        String token = portal.issueTokens(1).accessToken();

        given().auth().oauth2(token).queryParam("ID", "1").formParam("ID", "3")
                .post("/simulator/portal/demo/rest/user.get")
                .then().statusCode(200).body("result[0].ID", equalTo("3"));
    }

    @Test
    void a_token_without_the_scope_gets_insufficient_scope() {
        portal.setAppScope("placement");

        calls.as(1, "crm.item.details.configuration.get", Map.of("entityTypeId", 2))
                .statusCode(403)
                .body("error", equalTo("insufficient_scope"))
                .body("error_description",
                        equalTo("The request requires higher privileges than provided by the access token"));
    }

    @Test
    void rate_limited_portal_answers_QUERY_LIMIT_EXCEEDED() {
        portal.setRateLimited(true);

        calls.as(1, "user.admin", Map.of()).statusCode(503)
                .body("error", equalTo("QUERY_LIMIT_EXCEEDED"))
                .body("error_description", equalTo("Too many requests"))
                .body("$", not(hasKey("time")));
        portal.setRateLimited(false);
        calls.as(1, "user.admin", Map.of()).statusCode(200);
        assertThat(portal.restCallCount("user.admin"), is(2));
    }

    @Test
    void leaky_bucket_lets_about_fifty_requests_through_then_limits() {
        portal.setLeakyBucket(true);
        String token = portal.issueTokens(1).accessToken();
        int passed = 0;
        String firstRefusal = null;
        long start = System.nanoTime();
        for (int i = 0; i < 70 && firstRefusal == null; i++) {
            io.restassured.response.Response response =
                    given().auth().oauth2(token).get("/simulator/portal/demo/rest/user.admin");
            if (response.statusCode() == 200) {
                passed++;
            } else {
                firstRefusal = response.statusCode() + " " + response.jsonPath().getString("error");
            }
        }

        double seconds = (System.nanoTime() - start) / 1e9;

        // 50 fit the bucket; it drains 2 per second while the loop runs.
        assertThat(firstRefusal, is("503 QUERY_LIMIT_EXCEEDED"));
        assertThat("passed " + passed + " in " + seconds + " s", passed >= 50 && passed <= 50 + Math.ceil(2 * seconds) + 1, is(true));
    }

    @Test
    void operation_time_limit_answers_429() {
        portal.setOperationTimeLimited(true);

        calls.as(1, "crm.item.details.configuration.get", Map.of("entityTypeId", 2)).statusCode(429)
                .body("error", equalTo("OPERATION_TIME_LIMIT"))
                .body("error_description", equalTo("Method is blocked due to operation time limit."));
    }

    @Test
    void injected_failures_answer_the_next_calls_then_stop() {
        portal.failNextCalls(2, 401, "expired_token");

        calls.as(1, "user.admin", Map.of()).statusCode(401).body("error", equalTo("expired_token"));
        calls.as(1, "user.admin", Map.of()).statusCode(401).body("error", equalTo("expired_token"));
        calls.as(1, "user.admin", Map.of()).statusCode(200);
    }

    @Test
    void a_method_made_missing_answers_METHOD_NOT_FOUND() {
        portal.setMethodMissing("crm.item.details.configuration.", true);

        calls.as(1, "crm.item.details.configuration.reset", Map.of("entityTypeId", 1)).statusCode(404)
                .body("error", equalTo("ERROR_METHOD_NOT_FOUND"));
        calls.as(1, "crm.lead.details.configuration.reset", Map.of()).statusCode(200);
        assertThat(portal.restCallCount("crm.item.details.configuration.reset"), is(1));
        assertThat(portal.restCallCount("crm.lead.details.configuration.reset"), is(1));
    }

    @Test
    void a_deactivated_user_cannot_authorize() {
        String token = portal.issueTokens(4).accessToken();
        portal.setUserActive(4, false);

        given().auth().oauth2(token).get("/simulator/portal/demo/rest/profile")
                .then().statusCode(401).body("error", equalTo("authorization_error"));
    }

    @Test
    void empty_maps_are_encoded_as_empty_lists() {
        calls.as(1, "app.option.get", Map.of()).statusCode(200).body("result", equalTo(java.util.List.of()));
    }

    @Test
    void webhook_calls_act_as_the_webhook_user() {
        String hook = portal.createWebhook(3, "crm,user_brief");

        given().get("/simulator/portal/demo/rest/3/" + hook + "/profile.json")
                .then().statusCode(200).body("result.ID", equalTo("3"));
        given().get("/simulator/portal/demo/rest/3/" + hook + "/app.info")
                .then().statusCode(200).body("result.SCOPE[0]", equalTo("crm"));
        given().get("/simulator/portal/demo/rest/2/" + hook + "/profile")
                .then().statusCode(401).body("error", equalTo("INVALID_CREDENTIALS"));
    }

    @Test
    void unknown_portal_is_404() {
        given().get("/simulator/portal/nowhere/rest/profile").then().statusCode(404);
    }
}
