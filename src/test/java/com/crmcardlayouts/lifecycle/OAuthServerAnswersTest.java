package com.crmcardlayouts.lifecycle;

import com.crmcardlayouts.testing.Db;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static com.crmcardlayouts.testing.Bitrix24Requests.frame;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertFalse;

@QuarkusTest
@QuarkusTestResource(value = FakeOAuthServer.class, restrictToAnnotatedClass = true)
class OAuthServerAnswersTest {

    static final String MEMBER_ID = "5c1d2e3f4a5b6c7d8e9f0a1b2c3d4e5f";
    static final String BODY = "AUTH_ID=abc123&AUTH_EXPIRES=3600&REFRESH_ID=def456&member_id=" + MEMBER_ID + "&status=L&PLACEMENT=DEFAULT";

    @BeforeEach
    void reset() {
        FakeOAuthServer.server.resetAll();
    }

    @Test
    void a_token_issued_to_another_application_gets_403() {
        FakeOAuthServer.server.stubFor(get(urlPathEqualTo("/rest/app.info")).willReturn(aResponse()
                .withHeader("Content-Type", "application/json")
                .withBody("""
                        {"result":{"scope":"crm","client_id":"app.someone.else","expires":1900000000,"user_id":1,
                        "install":{"installed":true,"version":1,"status":"P","scope":"crm","domain":"portal.example.com",
                        "uri":"https://portal.example.com","client_endpoint":"https://portal.example.com/rest/",
                        "member_id":"%s","member_type":"PORTAL"}}}""".formatted(MEMBER_ID))));

        frame("/bitrix24/install", "portal.example.com", "en", BODY)
                .then().statusCode(403).body(containsString("another application"));
        assertFalse(Db.hasPortal(MEMBER_ID));
    }

    @Test
    void an_unreachable_or_failing_oauth_server_gives_503() {
        FakeOAuthServer.server.stubFor(get(urlPathEqualTo("/rest/app.info")).willReturn(aResponse().withStatus(502)));
        frame("/bitrix24/install", "portal.example.com", "en", BODY)
                .then().statusCode(503).body(containsString("cannot be reached"));
        frame("/bitrix24/events", "portal.example.com", "en",
                "event=ONAPPINSTALL&auth%5Baccess_token%5D=abc&auth%5Bmember_id%5D=" + MEMBER_ID + "&auth%5Bapplication_token%5D=x")
                .then().statusCode(503);
        assertFalse(Db.hasPortal(MEMBER_ID));
    }

    @Test
    void an_oauth_answer_of_3_mib_is_refused_as_unavailable() {
        FakeOAuthServer.server.stubFor(get(urlPathEqualTo("/rest/app.info")).willReturn(aResponse()
                .withHeader("Content-Type", "application/json")
                .withBody("{\"result\":{\"padding\":\"" + "x".repeat(3 * 1024 * 1024) + "\"}}")));
        frame("/bitrix24/install", "portal.example.com", "en", BODY)
                .then().statusCode(503).body(containsString("cannot be reached"));
        assertFalse(Db.hasPortal(MEMBER_ID));
    }

    @Test
    void an_oauth_answer_naming_a_portal_endpoint_that_is_not_http_is_refused() {
        FakeOAuthServer.server.stubFor(get(urlPathEqualTo("/rest/app.info")).willReturn(aResponse()
                .withHeader("Content-Type", "application/json")
                .withBody("{\"result\":{\"client_id\":\"local.simulator.app\",\"user_id\":1,\"install\":{\"member_id\":\"" + MEMBER_ID
                        + "\",\"client_endpoint\":\"ftp://portal.example.com/rest/\",\"domain\":\"portal.example.com\"}}}")));
        frame("/bitrix24/install", "portal.example.com", "en", BODY).then().statusCode(401);
        assertFalse(Db.hasPortal(MEMBER_ID));
    }
}
