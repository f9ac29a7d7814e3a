package com.crmcardlayouts.simulator;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.not;

@QuarkusTest
class OAuthServerTest {

    static final String TOKEN_URL = "/simulator/oauth/oauth/token/";
    static final String CLIENT_ID = "local.simulator.app";
    static final String CLIENT_SECRET = "simulator-secret";

    @Inject
    Simulator simulator;

    SimPortal portal;

    @BeforeEach
    void resetSimulator() {
        simulator.reset();
        portal = simulator.portal();
    }

    static Response refresh(String refreshToken) {
        return given().queryParam("grant_type", "refresh_token").queryParam("client_id", CLIENT_ID)
                .queryParam("client_secret", CLIENT_SECRET).queryParam("refresh_token", refreshToken)
                .get(TOKEN_URL);
    }

    @Test
    void refresh_answers_the_full_token_response() {
        IssuedTokens tokens = portal.issueTokens(2);

        refresh(tokens.refreshToken()).then().statusCode(200)
                .body("access_token", not(equalTo(tokens.accessToken())))
                .body("refresh_token", not(equalTo(tokens.refreshToken())))
                .body("expires_in", equalTo(3600))
                .body("expires", greaterThan((int) Instant.now().getEpochSecond()))
                .body("client_endpoint", equalTo(portal.clientEndpoint()))
                .body("server_endpoint", equalTo(portal.serverEndpoint()))
                .body("member_id", equalTo(portal.memberId()))
                .body("user_id", equalTo(2))
                .body("scope", equalTo("app"))
                .body("status", equalTo("L"))
                .body("domain", equalTo(portal.domain()));
        assertThat(portal.tokenRefreshCount(), is(1));
        assertThat(portal.refreshCount(2), is(1));
    }

    @Test
    void refresh_token_is_single_use() {
        IssuedTokens tokens = portal.issueTokens(1);
        refresh(tokens.refreshToken()).then().statusCode(200);

        refresh(tokens.refreshToken()).then().statusCode(400)
                .body("error", equalTo("invalid_grant"))
                .body("error_description", equalTo("Invalid grant"));
        assertThat(portal.tokenRefreshCount(), is(2));
    }

    @Test
    void refresh_kills_the_old_access_token() {
        IssuedTokens tokens = portal.issueTokens(1);
        String newAccess = refresh(tokens.refreshToken()).then().statusCode(200).extract().path("access_token");

        given().auth().oauth2(tokens.accessToken()).get("/simulator/portal/demo/rest/profile")
                .then().statusCode(401).body("error", equalTo("invalid_token"));
        given().auth().oauth2(newAccess).get("/simulator/portal/demo/rest/profile")
                .then().statusCode(200).body("result.ID", equalTo("1"));
    }

    @Test
    void refresh_by_form_post_works_like_get() {
        IssuedTokens tokens = portal.issueTokens(3);

        given().contentType("application/x-www-form-urlencoded")
                .formParam("grant_type", "refresh_token").formParam("client_id", CLIENT_ID)
                .formParam("client_secret", CLIENT_SECRET).formParam("refresh_token", tokens.refreshToken())
                .post(TOKEN_URL)
                .then().statusCode(200).body("user_id", equalTo(3));
    }

    @Test
    void exactly_one_of_concurrent_refreshes_with_the_same_token_wins() throws Exception {
        IssuedTokens tokens = portal.issueTokens(1);
        ExecutorService pool = Executors.newFixedThreadPool(20);
        try {
            List<Callable<Integer>> calls = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                calls.add(() -> refresh(tokens.refreshToken()).statusCode());
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> f : pool.invokeAll(calls)) {
                statuses.add(f.get());
            }
            assertThat(statuses.stream().filter(s -> s == 200).count(), is(1L));
            assertThat(statuses.stream().filter(s -> s == 400).count(), is(19L));
            assertThat(portal.tokenRefreshCount(), is(20));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void revoked_refresh_token_gets_invalid_grant() {
        IssuedTokens tokens = portal.issueTokens(2);
        portal.revokeRefreshTokens(2);

        refresh(tokens.refreshToken()).then().statusCode(400).body("error", equalTo("invalid_grant"));
    }

    @Test
    void unknown_refresh_token_gets_invalid_grant() {
        refresh("not-a-token").then().statusCode(400).body("error", equalTo("invalid_grant"));
    }

    @Test
    void wrong_client_id_is_reported_with_http_200() {
        given().queryParam("grant_type", "refresh_token").queryParam("client_id", "app.other")
                .queryParam("client_secret", CLIENT_SECRET).queryParam("refresh_token", portal.issueTokens(1).refreshToken())
                .get(TOKEN_URL)
                .then().statusCode(200).body("error", equalTo("wrong_client"));
    }

    @Test
    void wrong_client_secret_gets_invalid_client() {
        given().queryParam("grant_type", "refresh_token").queryParam("client_id", CLIENT_ID)
                .queryParam("client_secret", "guess").queryParam("refresh_token", portal.issueTokens(1).refreshToken())
                .get(TOKEN_URL)
                .then().statusCode(401).body("error", equalTo("invalid_client"));
    }

    @Test
    void missing_refresh_token_gets_invalid_request() {
        given().queryParam("grant_type", "refresh_token").queryParam("client_id", CLIENT_ID)
                .queryParam("client_secret", CLIENT_SECRET)
                .get(TOKEN_URL)
                .then().statusCode(400).body("error", equalTo("invalid_request"));
    }

    @Test
    void injected_token_endpoint_failure_answers_once() {
        IssuedTokens tokens = portal.issueTokens(1);
        simulator.failNextTokenRequests(1, 503, "temporarily_unavailable");

        refresh(tokens.refreshToken()).then().statusCode(503).body("error", equalTo("temporarily_unavailable"));
        refresh(tokens.refreshToken()).then().statusCode(200);
    }

    @Test
    void app_info_describes_token_and_installation() {
        IssuedTokens tokens = portal.issueTokens(1);

        given().queryParam("auth", tokens.accessToken()).get("/simulator/oauth/rest/app.info")
                .then().statusCode(200)
                .body("result.client_id", equalTo(CLIENT_ID))
                .body("result.user_id", equalTo(1))
                .body("result.scope", equalTo("crm,placement,user_brief"))
                .body("result.expires", equalTo((int) tokens.expiresAt().getEpochSecond()))
                .body("result.install.installed", equalTo(false))
                .body("result.install.version", equalTo(1))
                .body("result.install.status", equalTo("L"))
                .body("result.install.domain", equalTo(portal.domain()))
                .body("result.install.uri", equalTo(simulator.baseUrl() + "/simulator/portal/demo"))
                .body("result.install.client_endpoint", equalTo(portal.clientEndpoint()))
                .body("result.install.member_id", equalTo(portal.memberId()))
                .body("result.install.member_type", equalTo("PORTAL"));
        assertThat(portal.appInfoCount(), is(1));
    }

    @Test
    void app_info_reports_installed_after_install_finish() {
        portal.finishInstall();

        given().queryParam("auth", portal.issueTokens(1).accessToken()).get("/simulator/oauth/rest/app.info")
                .then().statusCode(200).body("result.install.installed", equalTo(true));
    }

    @Test
    void app_info_rejects_unknown_token() {
        given().queryParam("auth", "nope").get("/simulator/oauth/rest/app.info")
                .then().statusCode(401)
                .body("error", equalTo("invalid_token"))
                .body("error_description", equalTo("The access token provided is invalid."));
    }

    @Test
    void app_info_rejects_expired_token() {
        IssuedTokens tokens = portal.issueTokens(1);
        portal.expireAllAccessTokens();

        given().queryParam("auth", tokens.accessToken()).get("/simulator/oauth/rest/app.info")
                .then().statusCode(401).body("error", equalTo("expired_token"));
    }

    @Test
    void uninstall_revokes_every_token_of_the_portal() {
        IssuedTokens tokens = portal.issueTokens(1);
        portal.uninstall();

        // What Bitrix24 answers for a refresh of an uninstalled app (app-lifecycle §2.6), not a per-chain invalid_grant.
        refresh(tokens.refreshToken()).then().statusCode(401).body("error", equalTo("NOT_INSTALLED"));
        given().queryParam("auth", tokens.accessToken()).get("/simulator/oauth/rest/app.info")
                .then().statusCode(401).body("error", equalTo("invalid_token"));
    }
}
