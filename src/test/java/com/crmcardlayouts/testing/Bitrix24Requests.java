package com.crmcardlayouts.testing;

import com.crmcardlayouts.simulator.IssuedTokens;
import com.crmcardlayouts.simulator.SimPortal;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import static com.crmcardlayouts.simulator.SimUsers.ADMIN;
import static io.restassured.RestAssured.given;

/** Sends the app what Bitrix24 sends it: iframe POSTs and application events, built from fixtures. */
public final class Bitrix24Requests {

    private Bitrix24Requests() {
    }

    /** The values a frame fixture needs, with tokens freshly issued by the portal for the user. */
    public static Map<String, String> frameValues(SimPortal portal, long userId) {
        IssuedTokens tokens = portal.issueTokens(userId);
        Map<String, String> values = new HashMap<>();
        values.put("AUTH_ID", tokens.accessToken());
        values.put("REFRESH_ID", tokens.refreshToken());
        values.put("MEMBER_ID", portal.memberId());
        values.put("APPLICATION_TOKEN", portal.applicationToken());
        return values;
    }

    /** The values an event fixture needs, with tokens freshly issued for the user. */
    public static Map<String, String> eventValues(SimPortal portal, long userId) {
        IssuedTokens tokens = portal.issueTokens(userId);
        Map<String, String> values = new HashMap<>();
        values.put("ACCESS_TOKEN", tokens.accessToken());
        values.put("REFRESH_TOKEN", tokens.refreshToken());
        values.put("EXPIRES", String.valueOf(tokens.expiresAt().getEpochSecond()));
        values.put("TS", String.valueOf(Instant.now().getEpochSecond()));
        values.put("DOMAIN", portal.domain());
        values.put("CLIENT_ENDPOINT", portal.clientEndpoint());
        values.put("MEMBER_ID", portal.memberId());
        values.put("APPLICATION_TOKEN", portal.applicationToken());
        return values;
    }

    public static Response frame(String path, String domain, String lang, String body) {
        return given().redirects().follow(false)
                .contentType("application/x-www-form-urlencoded; charset=UTF-8")
                .queryParam("DOMAIN", domain).queryParam("PROTOCOL", "0").queryParam("LANG", lang)
                .queryParam("APP_SID", "f3b5b1a3c2d4e6f708192a3b4c5d6e7f")
                .body(body)
                .post(path);
    }

    public static Response event(String body) {
        return given().contentType("application/x-www-form-urlencoded").body(body).post("/bitrix24/events");
    }

    /** The user opens a deal card's tab: the frame POST their browser sends. */
    public static Response tab(SimPortal portal, long userId) {
        return given().contentType(ContentType.URLENC.withCharset("UTF-8")).queryParam("LANG", "en")
                .formParams(portal.frameForm(userId, "CRM_DEAL_DETAIL_TAB", "{\"ID\":\"1\"}"))
                .post("/bitrix24/placement");
    }

    /**
     * Installed by the admin on a portal that posts APPLICATION_TOKEN into frames (so every user's browser
     * sees it), then the user opened a deal tab.
     */
    public static SimPortal installedWithATabOpenedBy(SimPortal portal, long userId) {
        portal.setSendsApplicationToken(true);
        install(portal);
        tab(portal, userId).then().statusCode(200);
        return portal;
    }

    /** Installs the app the way a newer portal does and finishes the install, as the admin would. */
    public static void install(SimPortal portal) {
        frame("/bitrix24/install", portal.domain(), "en",
                Fixture.form("install-frame-with-application-token.form", frameValues(portal, ADMIN)))
                .then().statusCode(200);
        portal.finishInstall(ADMIN).join();
    }
}
