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
import com.crmcardlayouts.testing.AppLog;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static com.crmcardlayouts.simulator.SimUsers.ADMIN;
import static com.crmcardlayouts.simulator.SimUsers.PLAIN_USER;
import static com.crmcardlayouts.testing.Bitrix24Requests.event;
import static com.crmcardlayouts.testing.Bitrix24Requests.eventValues;
import static com.crmcardlayouts.testing.Bitrix24Requests.install;
import static com.crmcardlayouts.testing.Bitrix24Requests.installedWithATabOpenedBy;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Lifecycle events are believed only when Bitrix24's state agrees: the application token reaches every user's
 * browser on portals that post it into frames, so a plain user can copy it and forge events with it.
 */
@QuarkusTest
class LifecycleTrustTest {

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

    @Test
    void a_plain_user_with_the_leaked_application_token_cannot_uninstall_the_app() throws IOException {
        SimPortal portal = installedWithATabOpenedBy(simulator.createPortal(), PLAIN_USER);
        State before = state(portal);
        long logStart = AppLog.end();

        // What the user copied from the tab frame's POST in the browser's developer tools.
        String leaked = portal.applicationToken();
        long started = System.nanoTime();
        event(Fixture.form("onappuninstall-event.form", eventValues(portal, PLAIN_USER))).then().statusCode(401)
                .contentType(ContentType.JSON);
        System.out.printf("Forged uninstall refused in %d ms%n", (System.nanoTime() - started) / 1_000_000);

        assertEquals(before, state(portal));
        List<String> lines = AppLog.linesSince(logStart);
        assertTrue(lines.stream().anyMatch(line -> line.contains("Rejected ONAPPUNINSTALL for portal " + portal.memberId())
                && line.contains("still accepts")), "the refusal was logged as a warning");
        assertTrue(lines.stream().noneMatch(line -> line.contains(leaked)), "the application token reached the log");
        assertEquals(List.of("APP_EVENT_REFUSED", "UNAUTHORIZED"), Db.lastJournalEntry(em, portal.memberId()).subList(0, 2));
        assertFalse(String.join("|", Db.lastJournalEntry(em, portal.memberId())).contains(leaked));
    }

    @Test
    void a_forged_uninstall_while_access_tokens_expired_is_refused_and_the_installers_rotated_pair_is_stored() {
        SimPortal portal = installedWithATabOpenedBy(simulator.createPortal(), PLAIN_USER);
        Portal stored = Db.portal(portal.memberId());
        TokenPair old = tokens.find(stored.id, ADMIN).orElseThrow().tokens();
        portal.expireAllAccessTokens();

        event(Fixture.form("onappuninstall-event.form", eventValues(portal, PLAIN_USER))).then().statusCode(401);

        assertEquals(PortalStatus.ACTIVE, Db.portal(portal.memberId()).status());
        TokenPair rotated = tokens.find(stored.id, ADMIN).orElseThrow().tokens();
        assertNotEquals(old.refreshToken(), rotated.refreshToken(), "the installer's pair was refreshed");
        // The new pair was kept: the installer goes on working without opening the app again.
        assertEquals(ADMIN, oauth.verify(rotated.accessToken()).userId());
        assertTrue(tokens.find(stored.id, PLAIN_USER).isPresent());
    }

    @Test
    void an_install_replay_with_the_users_own_token_changes_nothing() {
        SimPortal portal = installedWithATabOpenedBy(simulator.createPortal(), PLAIN_USER);
        event(Fixture.form("onappuninstall-event.form", eventValues(portal, PLAIN_USER))).then().statusCode(401);
        State before = state(portal);

        event(Fixture.form("onappinstall-event.form", eventValues(portal, PLAIN_USER))).then().statusCode(401);

        assertEquals(before, state(portal));
        assertEquals(ADMIN, Db.portal(portal.memberId()).installedBy);
    }

    @Test
    void an_update_forged_with_the_leaked_application_token_changes_nothing_and_is_not_journaled() {
        SimPortal portal = installedWithATabOpenedBy(simulator.createPortal(), PLAIN_USER);
        State before = state(portal);
        long entries = Db.journalSize(em, portal.memberId());
        Map<String, String> update = eventValues(portal, PLAIN_USER);
        update.put("VERSION", "99");
        update.put("PREVIOUS_VERSION", "1");

        event(Fixture.form("onappupdate-event.form", update)).then().statusCode(200);

        assertEquals(before, state(portal));
        assertEquals(portal.appVersion(), Db.portal(portal.memberId()).appVersion, "the version is the OAuth server's, not the form's");
        assertEquals(entries, Db.journalSize(em, portal.memberId()));
    }

    @Test
    void after_a_genuine_uninstall_the_old_application_token_and_a_users_token_do_not_reinstall() {
        SimPortal portal = installedWithATabOpenedBy(simulator.createPortal(), PLAIN_USER);
        Map<String, String> replay = eventValues(portal, PLAIN_USER);
        portal.uninstall();
        Portal uninstalled = Db.portal(portal.memberId());

        event(Fixture.form("onappinstall-event.form", replay)).then().statusCode(401);

        Portal after = Db.portal(portal.memberId());
        assertEquals(PortalStatus.UNINSTALLED, after.status());
        assertEquals(uninstalled.installedAt, after.installedAt);
        assertEquals(0, tokenCount(after.id));
    }

    @Test
    void the_genuine_uninstall_is_believed_once_bitrix24_has_revoked_every_token() {
        SimPortal portal = installedWithATabOpenedBy(simulator.createPortal(), PLAIN_USER);

        long started = System.nanoTime();
        List<DeliveredEvent> delivered = portal.uninstall(false).join();
        System.out.printf("Genuine uninstall (check with the installer's chain + wipe) answered in %d ms%n", (System.nanoTime() - started) / 1_000_000);

        assertEquals(List.of(200), delivered.stream().map(DeliveredEvent::httpStatus).toList());
        Portal stored = Db.portal(portal.memberId());
        assertEquals(PortalStatus.UNINSTALLED, stored.status());
        assertEquals(0, tokenCount(stored.id));
        assertEquals(List.of("APP_UNINSTALLED", "SUCCESS"), Db.lastJournalEntry(em, portal.memberId()).subList(0, 2));
    }

    @Test
    void an_oauth_server_that_fails_answers_503_changes_nothing_and_is_journaled_as_unconfirmed() {
        SimPortal portal = installedWithATabOpenedBy(simulator.createPortal(), PLAIN_USER);
        portal.expireAllAccessTokens();
        State before = state(portal);
        simulator.failNextTokenRequests(1, 503, "");

        event(Fixture.form("onappuninstall-event.form", eventValues(portal, PLAIN_USER))).then().statusCode(503)
                .contentType(ContentType.JSON);

        assertEquals(before, state(portal));
        assertEquals(List.of("APP_EVENT_UNCONFIRMED", "BITRIX24_UNAVAILABLE"), Db.lastJournalEntry(em, portal.memberId()).subList(0, 2));
    }

    @Test
    void a_forged_uninstall_whose_check_outlasts_the_budget_is_answered_202_and_refused_once_the_oauth_server_answers() {
        SimPortal portal = installedWithATabOpenedBy(simulator.createPortal(), PLAIN_USER);
        Portal stored = Db.portal(portal.memberId());
        portal.expireAllAccessTokens();
        simulator.setTokenEndpointDelay(Duration.ofSeconds(3));
        long entries = Db.journalSize(em, portal.memberId());

        long started = System.nanoTime();
        io.restassured.response.Response answer = event(Fixture.form("onappuninstall-event.form", eventValues(portal, PLAIN_USER)));
        long answeredMs = (System.nanoTime() - started) / 1_000_000;
        long entriesAtTheAnswer = Db.journalSize(em, portal.memberId());
        answer.then().statusCode(202).contentType(ContentType.JSON).body("status", equalTo("VERIFYING"));
        System.out.printf("Forged uninstall against a 3 s token endpoint answered in %d ms%n", answeredMs);
        assertTrue(answeredMs < 2_000, "answered in " + answeredMs + " ms");
        assertEquals(entries, entriesAtTheAnswer, "nothing was decided when the answer went out");

        Awaits.until(() -> Db.journalSize(em, portal.memberId()) > entries, Duration.ofSeconds(10), "the late verdict was journaled");
        simulator.setTokenEndpointDelay(Duration.ZERO);
        assertEquals(List.of("APP_EVENT_REFUSED", "UNAUTHORIZED"), Db.lastJournalEntry(em, portal.memberId()).subList(0, 2));
        assertEquals(PortalStatus.ACTIVE, Db.portal(portal.memberId()).status());
        // The refresh was not cut short: the installer's rotated pair was stored and works.
        TokenPair installers = tokens.find(stored.id, ADMIN).orElseThrow().tokens();
        assertEquals(ADMIN, oauth.verify(installers.accessToken()).userId());
    }

    @Test
    void an_uninstall_of_a_portal_without_any_live_token_is_refused_for_want_of_proof() {
        SimPortal portal = simulator.createPortal();
        install(portal);
        Portal stored = Db.portal(portal.memberId());
        tokens.wipe(stored.id);

        event(Fixture.form("onappuninstall-event.form", eventValues(portal, PLAIN_USER))).then().statusCode(401);

        assertEquals(PortalStatus.ACTIVE, Db.portal(portal.memberId()).status());
        assertEquals(List.of("APP_EVENT_REFUSED", "UNAUTHORIZED"), Db.lastJournalEntry(em, portal.memberId()).subList(0, 2));
        assertTrue(Db.lastJournalEntry(em, portal.memberId()).get(2).contains("did not confirm"), Db.lastJournalEntry(em, portal.memberId()).toString());
    }

    @Test
    void install_update_uninstall_and_reinstall_are_journaled_with_who_and_never_a_token() {
        SimPortal portal = simulator.createPortal();
        install(portal);
        portal.publishUpdate(ADMIN).join();
        portal.uninstall();
        install(portal);

        List<List<String>> journal = Db.rows(em, """
                        select action, outcome, coalesce(actor_user_id::text, ''), coalesce(detail, '') from audit_entry
                        where portal_id = ?1 order by id""", Db.portal(portal.memberId()).id).stream()
                .map(row -> Arrays.stream(row).map(String::valueOf).toList()).toList();
        assertEquals(List.of(
                List.of("APP_INSTALLED", "SUCCESS", String.valueOf(ADMIN), ""),
                List.of("APP_UPDATED", "SUCCESS", String.valueOf(ADMIN), "version 2"),
                List.of("APP_UNINSTALLED", "SUCCESS", "", ""),
                List.of("APP_REINSTALLED", "SUCCESS", String.valueOf(ADMIN), "")), journal);
    }

    @Test
    void a_refused_event_of_an_unknown_portal_is_only_logged() throws IOException {
        SimPortal unknown = simulator.createPortal();
        long logStart = AppLog.end();
        event(Fixture.form("onappuninstall-event.form", eventValues(unknown, ADMIN))).then().statusCode(401);
        assertFalse(Db.hasPortal(unknown.memberId()));
        assertTrue(AppLog.linesSince(logStart).stream().anyMatch(line -> line.contains("Rejected ONAPPUNINSTALL for portal " + unknown.memberId())));
    }

    /** What a forged event must leave alone: status, installation, application token, every stored pair (as ciphertext), settings. */
    private record State(PortalStatus status, Object installedAt, Long installedBy, String applicationToken, List<String> tokens,
                         List<String> settings) {
    }

    private State state(SimPortal sim) {
        Portal portal = Db.portal(sim.memberId());
        List<String> pairs = Db.rows(em, "select user_id, access_token, refresh_token, expires_at, revoked_at from user_token "
                + "where portal_id = ?1 order by user_id", portal.id).stream().map(Arrays::toString).toList();
        List<String> settings = Db.rows(em, "select tab_entity_types, non_admins_may_use, users_may_reset_own, updated_at "
                + "from portal_settings where portal_id = ?1", portal.id).stream().map(Arrays::toString).toList();
        return new State(portal.status(), portal.installedAt, portal.installedBy, portal.applicationToken, pairs, settings);
    }

    private long tokenCount(long portalId) {
        return Db.count(em, "select count(*) from user_token where portal_id = ?1", portalId);
    }
}
