package com.crmcardlayouts.simulator;

import io.restassured.response.ValidatableResponse;

import java.util.Map;

import static io.restassured.RestAssured.given;

/** Calls a simulated portal's REST API the way an app does: POST, JSON body, Bearer token. */
final class PortalCalls {

    private final SimPortal portal;

    PortalCalls(SimPortal portal) {
        this.portal = portal;
    }

    static String restPath(SimPortal portal, String method) {
        return "/simulator/portal/" + portal.code() + "/rest/" + method;
    }

    /** A call as the given user, with a fresh token of theirs. */
    ValidatableResponse as(long userId, String method, Map<String, ?> body) {
        return withToken(portal.issueTokens(userId).accessToken(), method, body);
    }

    ValidatableResponse withToken(String token, String method, Map<String, ?> body) {
        return given().auth().oauth2(token).contentType("application/json").body(body)
                .post(restPath(portal, method)).then();
    }

    /** A form-encoded call; keys may use PHP brackets, e.g. {@code extras[dealCategoryId]}. */
    ValidatableResponse form(long userId, String method, Map<String, String> fields) {
        return given().contentType("application/x-www-form-urlencoded; charset=utf-8")
                .formParam("auth", portal.issueTokens(userId).accessToken())
                .formParams(fields)
                .post(restPath(portal, method)).then();
    }
}
