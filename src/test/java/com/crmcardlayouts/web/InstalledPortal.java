package com.crmcardlayouts.web;

import com.crmcardlayouts.portal.Portal;
import com.crmcardlayouts.portal.PortalRegistry;
import com.crmcardlayouts.simulator.SimPortal;
import com.crmcardlayouts.simulator.SimUsers;
import com.crmcardlayouts.simulator.Simulator;
import io.restassured.http.ContentType;
import io.restassured.http.Method;
import io.restassured.response.Response;
import io.restassured.response.ValidatableResponse;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static com.crmcardlayouts.simulator.SimUsers.ADMIN;
import static io.restassured.RestAssured.given;

/**
 * A fresh simulated portal with the app installed by its administrator ({@link SimUsers#ADMIN}), opened
 * the way Bitrix24 opens frames: a form POST with the viewer's fresh tokens. The users are those of
 * {@link SimUsers}: portal admin, CRM settings manager, plain user.
 */
final class InstalledPortal {

    private static final Pattern SESSION = Pattern.compile("<meta name=\"app-session\" content=\"([^\"]+)\">");

    final SimPortal sim;
    final long portalId;

    private InstalledPortal(SimPortal sim, long portalId) {
        this.sim = sim;
        this.portalId = portalId;
    }

    /** A plain user of an installed portal, with the app-session their tab was given. */
    record Viewer(InstalledPortal portal, long userId, String session) {
    }

    /**
     * Installs the app on {@code portalCount} portals and lets {@code usersPerPortal} plain users of each
     * (ids from 100) open a tab. They open it a few at a time: each opening is verified with the OAuth
     * server, whose answer the app waits for only briefly.
     */
    static List<Viewer> crowd(Simulator simulator, PortalRegistry portals, int portalCount, int usersPerPortal) {
        ExecutorService opening = Executors.newFixedThreadPool(4);
        try {
            List<CompletableFuture<Viewer>> opened = new ArrayList<>();
            for (int p = 0; p < portalCount; p++) {
                InstalledPortal portal = install(simulator, portals);
                for (long userId = 100; userId < 100 + usersPerPortal; userId++) {
                    long id = userId;
                    portal.sim.setUser(id, false, false, true);
                    opened.add(CompletableFuture.supplyAsync(() -> new Viewer(portal, id, portal.session(id)), opening));
                }
            }
            return opened.stream().map(CompletableFuture::join).toList();
        } finally {
            opening.shutdown();
        }
    }

    static InstalledPortal install(Simulator simulator, PortalRegistry portals) {
        SimPortal sim = simulator.createPortal();
        frame(sim, ADMIN, "DEFAULT", null, "en", "/bitrix24/install").then().statusCode(200);
        Portal portal = portals.find(sim.memberId()).orElseThrow();
        return new InstalledPortal(sim, portal.id);
    }

    static Response frame(SimPortal sim, long userId, String placement, String options, String lang, String path) {
        return given().contentType(ContentType.URLENC.withCharset("UTF-8"))
                .queryParam("LANG", lang)
                .formParams(sim.frameForm(userId, placement, options))
                .post(path);
    }

    /** The card tab as Bitrix24 opens it for the user. */
    Response tab(long userId, String placement, String options, String lang) {
        return frame(sim, userId, placement, options, lang, "/bitrix24/placement");
    }

    /** The app's own page as Bitrix24 opens it for the user. */
    Response app(long userId, String lang) {
        return frame(sim, userId, "DEFAULT", null, lang, "/bitrix24/app");
    }

    /** The app-session of a freshly opened deal tab. */
    String session(long userId) {
        return sessionOf(tab(userId, "CRM_DEAL_DETAIL_TAB", "{\"ID\":\"1\"}", "en"));
    }

    static String sessionOf(Response page) {
        Matcher matcher = SESSION.matcher(page.then().statusCode(200).extract().asString());
        if (!matcher.find()) {
            throw new AssertionError("The page carries no app-session");
        }
        return matcher.group(1);
    }

    static ValidatableResponse post(String session, String path, String body) {
        return send(Method.POST, session, path, body);
    }

    static ValidatableResponse put(String session, String path, String body) {
        return send(Method.PUT, session, path, body);
    }

    /** A page-API request with the app-session as Bearer token and a JSON body. */
    private static ValidatableResponse send(Method method, String session, String path, String body) {
        return given().header("Authorization", "Bearer " + session).contentType(ContentType.JSON).body(body)
                .request(method, path).then();
    }

    static ValidatableResponse reset(String session, String body) {
        return post(session, "/api/card-layouts/reset", body);
    }

    static ValidatableResponse forceCommon(String session, String body) {
        return post(session, "/api/card-layouts/force-common", body);
    }

    static Map<String, Object> json(ValidatableResponse response) {
        return response.extract().jsonPath().getMap("$");
    }
}
