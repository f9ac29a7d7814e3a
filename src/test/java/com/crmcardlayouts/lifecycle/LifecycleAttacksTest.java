package com.crmcardlayouts.lifecycle;

import com.crmcardlayouts.bitrix24.OAuthServer;
import com.crmcardlayouts.portal.Portal;
import com.crmcardlayouts.portal.PortalStatus;
import com.crmcardlayouts.portal.TokenPair;
import com.crmcardlayouts.portal.TokenStore;
import com.crmcardlayouts.simulator.DeliveredEvent;
import com.crmcardlayouts.simulator.SimPortal;
import com.crmcardlayouts.simulator.Simulator;
import com.crmcardlayouts.testing.Awaits;
import com.crmcardlayouts.testing.Db;
import com.crmcardlayouts.testing.Fixture;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static com.crmcardlayouts.simulator.SimUsers.ADMIN;
import static com.crmcardlayouts.simulator.SimUsers.PLAIN_USER;
import static com.crmcardlayouts.testing.Bitrix24Requests.event;
import static com.crmcardlayouts.testing.Bitrix24Requests.eventValues;
import static com.crmcardlayouts.testing.Bitrix24Requests.install;
import static com.crmcardlayouts.testing.Bitrix24Requests.installedWithATabOpenedBy;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Attacks a plain portal user or an outsider can mount against the lifecycle checks, and the timing traps of
 * checking an ONAPPUNINSTALL within Bitrix24's 2 s. Each test states what must hold.
 */
@QuarkusTest
class LifecycleAttacksTest {

    @Inject
    Simulator simulator;
    @Inject
    TokenStore tokens;
    @Inject
    OAuthServer oauth;
    @Inject
    EntityManager em;

    @AfterEach
    void healTheOAuthServer() {
        simulator.setTokenEndpointDelay(Duration.ZERO);
        simulator.failNextTokenRequests(0, 200, "");
    }

    /**
     * A plain user controls their own stored row: they make it the most recent one, with a REFRESH_ID that never
     * was one and AUTH_EXPIRES=12 (so two seconds later app.info is skipped and the refresh fails). A dead chain of
     * theirs proves nothing about the app, so the forged uninstall must still be refused.
     */
    @Test
    void a_plain_user_who_plants_a_dead_refresh_token_cannot_then_uninstall_the_app() throws InterruptedException {
        SimPortal portal = installedWithATabOpenedBy(simulator.createPortal(), PLAIN_USER);
        String leaked = portal.applicationToken();

        Map<String, String> frame = portal.frameForm(PLAIN_USER, "CRM_DEAL_DETAIL_TAB", "{\"ID\":\"1\"}");
        frame.put("REFRESH_ID", "not-a-refresh-token");
        frame.put("AUTH_EXPIRES", "12"); // the app counts a token with less than 10 s left as expired
        given().contentType(ContentType.URLENC.withCharset("UTF-8")).queryParam("LANG", "en")
                .formParams(frame).post("/bitrix24/placement").then().statusCode(200);
        Thread.sleep(3_000);

        Map<String, String> forged = eventValues(portal, PLAIN_USER);
        forged.put("APPLICATION_TOKEN", leaked);
        int status = event(Fixture.form("onappuninstall-event.form", forged)).then().extract().statusCode();

        Portal after = Db.portal(portal.memberId());
        assertEquals(PortalStatus.ACTIVE, after.status(), "a plain user uninstalled the app for everyone (event answered " + status + ")");
        assertTrue(tokens.find(after.id, ADMIN).isPresent(), "the installer's token was wiped");
    }

    /**
     * A forged uninstall (leaked application token) while the installer's access token has merely expired makes the
     * app spend the installer's refresh token. An OAuth server answering in 0.7 s must not make the app drop the
     * rotated pair (the chain would be dead): the refresh is never cut short by the event's budget.
     */
    @Test
    void a_forged_uninstall_against_a_slightly_slow_token_endpoint_does_not_cost_the_installer_their_token() throws InterruptedException {
        SimPortal portal = simulator.createPortal();
        portal.setSendsApplicationToken(true);
        install(portal);
        Portal stored = Db.portal(portal.memberId());
        portal.expireAllAccessTokens();
        simulator.setTokenEndpointDelay(Duration.ofMillis(700));

        int status = event(Fixture.form("onappuninstall-event.form", eventValues(portal, PLAIN_USER))).then().extract().statusCode();
        Thread.sleep(1_000); // had the app stopped waiting, the OAuth server would finish the rotation meanwhile
        simulator.setTokenEndpointDelay(Duration.ZERO);
        assertEquals(401, status, "the installer's chain refreshes within the budget: the event is forged");

        TokenPair stale = tokens.find(stored.id, ADMIN).orElseThrow().tokens();
        TokenStore.Rotation next = tokens.rotate(stored.id, ADMIN, stale.accessToken(), oauth::refresh);
        assertInstanceOf(TokenStore.Rotation.Current.class, next,
                "the forged uninstall (answered " + status + ") spent the installer's refresh token and lost the new pair");
        assertEquals(PortalStatus.ACTIVE, Db.portal(portal.memberId()).status());
    }

    /**
     * A refresh in flight holds its token row across its OAuth call (read timeout 15 s); an OAuth answer of 3 s is enough
     * to keep the uninstall's wipe waiting past the 2 s Bitrix24 waits, and Bitrix24 never retries. The event is answered
     * within the budget anyway (202 while the wipe waits) and the portal ends up uninstalled once the lock is free.
     */
    @Test
    void a_genuine_uninstall_is_answered_within_two_seconds_while_a_refresh_is_in_flight() throws Exception {
        SimPortal portal = installedWithATabOpenedBy(simulator.createPortal(), PLAIN_USER);
        Portal stored = Db.portal(portal.memberId());
        portal.expireAllAccessTokens();
        TokenPair stale = tokens.find(stored.id, PLAIN_USER).orElseThrow().tokens();
        // A page-API request of a user is refreshing; the OAuth server takes 3 s to answer it.
        CompletableFuture<TokenStore.Rotation> inFlight = CompletableFuture.supplyAsync(() ->
                tokens.rotate(stored.id, PLAIN_USER, stale.accessToken(), refreshToken -> {
                    sleep(3_000);
                    return oauth.refresh(refreshToken);
                }));
        Thread.sleep(500);

        long started = System.nanoTime();
        List<DeliveredEvent> delivered = portal.uninstall(false).join();
        long elapsedMs = (System.nanoTime() - started) / 1_000_000;
        // The refresh in flight ends as the OAuth server answers for an uninstalled app; how is not the point here.
        inFlight.handle((rotation, failure) -> null).join();

        assertEquals(1, delivered.size());
        assertTrue(List.of(200, 202).contains(delivered.get(0).httpStatus()), "answered " + delivered.get(0).httpStatus());
        assertTrue(elapsedMs < 2_000, "the genuine ONAPPUNINSTALL took " + elapsedMs + " ms; Bitrix24 gives up after 2 s and never retries");
        Awaits.until(() -> Db.portal(portal.memberId()).status() == PortalStatus.UNINSTALLED, Duration.ofSeconds(10),
                "the genuine uninstall was carried out once the refresh released its row");
        assertTrue(tokens.find(stored.id, ADMIN).isEmpty());
    }

    /** A member id is not a secret: refusals of senders nobody vouched for must not fill that portal's journal. */
    @Test
    void an_outsider_who_knows_the_member_id_cannot_push_the_admins_entries_off_the_journal() {
        SimPortal portal = simulator.createPortal();
        install(portal);
        Map<String, String> values = eventValues(portal, PLAIN_USER);
        values.put("APPLICATION_TOKEN", "00000000000000000000000000000000");
        for (int i = 0; i < 25; i++) {
            event(Fixture.form("onappuninstall-event.form", values)).then().statusCode(401);
        }
        List<Object> firstPage = Db.rows(em,
                "select action, outcome from audit_entry where portal_id = ?1 order by id desc limit 20",
                Db.portal(portal.memberId()).id).stream().map(row -> (Object) row[0]).toList();
        assertTrue(firstPage.contains("APP_INSTALLED"),
                "25 forged events from an outsider filled the journal's first page: " + firstPage);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
