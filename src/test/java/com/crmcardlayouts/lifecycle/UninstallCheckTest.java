package com.crmcardlayouts.lifecycle;

import com.crmcardlayouts.bitrix24.Bitrix24Exception;
import com.crmcardlayouts.bitrix24.OAuthServer;
import com.crmcardlayouts.portal.Portal;
import com.crmcardlayouts.portal.PortalRegistry;
import com.crmcardlayouts.portal.PortalStatus;
import com.crmcardlayouts.portal.TokenPair;
import com.crmcardlayouts.portal.TokenStore;
import com.crmcardlayouts.simulator.DeliveredEvent;
import com.crmcardlayouts.simulator.SimPortal;
import com.crmcardlayouts.simulator.Simulator;
import com.crmcardlayouts.testing.Awaits;
import com.crmcardlayouts.testing.Db;
import com.crmcardlayouts.testing.EmbeddedDatabase;
import com.crmcardlayouts.testing.Fixture;
import com.crmcardlayouts.testing.AppLog;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static com.crmcardlayouts.simulator.SimUsers.ADMIN;
import static com.crmcardlayouts.simulator.SimUsers.PLAIN_USER;
import static com.crmcardlayouts.testing.Bitrix24Requests.event;
import static com.crmcardlayouts.testing.Bitrix24Requests.eventValues;
import static com.crmcardlayouts.testing.Bitrix24Requests.install;
import static com.crmcardlayouts.testing.Bitrix24Requests.tab;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Which evidence an ONAPPUNINSTALL is decided on (the installer's chain, or an answer about the app itself), what
 * a slow or failing OAuth server leaves behind, and the application token an administrator's page brings.
 */
@QuarkusTest
class UninstallCheckTest {

    @Inject
    Simulator simulator;
    @Inject
    TokenStore tokens;
    @Inject
    PortalRegistry portals;
    @Inject
    OAuthServer oauth;
    @Inject
    EntityManager em;
    @Inject
    DeferredEvents deferred;

    @AfterEach
    void healTheOAuthServer() {
        simulator.setTokenEndpointDelay(Duration.ZERO);
        simulator.failNextTokenRequests(0, 200, "");
    }

    @Test
    void on_a_needs_reauth_portal_a_plain_users_planted_dead_chain_does_not_uninstall() {
        SimPortal portal = needsReauthWithAUserWhoOpenedATab();
        Portal stored = Db.portal(portal.memberId());
        // What a plain user can make of their own row: an expired access token and a refresh token that never was one.
        TokenPair own = tokens.find(stored.id, PLAIN_USER).orElseThrow().tokens();
        tokens.save(stored.id, PLAIN_USER, new TokenPair(own.accessToken(), "not-a-refresh-token", Instant.now().minusSeconds(5)));

        event(Fixture.form("onappuninstall-event.form", eventValues(portal, PLAIN_USER))).then().statusCode(401);

        assertEquals(PortalStatus.NEEDS_REAUTH, Db.portal(portal.memberId()).status());
        // The check spent the planted chain (dead, so that row is marked so), but wiped nothing.
        assertEquals(2, Db.count(em, "select count(*) from user_token where portal_id = ?1", stored.id), "tokens were wiped");
        assertTrue(Db.lastJournalEntry(em, portal.memberId()).get(2).contains("did not confirm"), Db.lastJournalEntry(em, portal.memberId()).toString());
    }

    @Test
    void on_a_needs_reauth_portal_a_users_live_token_proves_a_forged_uninstall() {
        SimPortal portal = needsReauthWithAUserWhoOpenedATab();

        event(Fixture.form("onappuninstall-event.form", eventValues(portal, PLAIN_USER))).then().statusCode(401);

        assertEquals(PortalStatus.NEEDS_REAUTH, Db.portal(portal.memberId()).status());
        assertTrue(Db.lastJournalEntry(em, portal.memberId()).get(2).contains("still accepts"), Db.lastJournalEntry(em, portal.memberId()).toString());
    }

    @Test
    void on_a_needs_reauth_portal_the_genuine_uninstall_is_believed_on_the_oauth_servers_word_that_the_app_is_gone() {
        SimPortal portal = needsReauthWithAUserWhoOpenedATab();

        List<DeliveredEvent> delivered = portal.uninstall(false).join();

        assertEquals(List.of(200), delivered.stream().map(DeliveredEvent::httpStatus).toList());
        assertEquals(PortalStatus.UNINSTALLED, Db.portal(portal.memberId()).status());
        assertEquals(List.of("APP_UNINSTALLED", "SUCCESS"), Db.lastJournalEntry(em, portal.memberId()).subList(0, 2));
    }

    @Test
    void the_simulated_token_endpoint_answers_not_installed_for_a_refresh_of_an_uninstalled_app() {
        SimPortal portal = simulator.createPortal();
        install(portal);
        String refreshToken = tokens.find(Db.portal(portal.memberId()).id, ADMIN).orElseThrow().tokens().refreshToken();
        portal.uninstall();

        Exception refused = org.junit.jupiter.api.Assertions.assertThrows(Exception.class, () -> oauth.refresh(refreshToken));
        assertTrue(refused instanceof com.crmcardlayouts.bitrix24.Bitrix24Exception failure && OAuthServer.saysAppNotInstalled(failure),
                refused.toString());
    }

    @Test
    void a_genuine_uninstall_against_a_token_endpoint_of_0_7_s_is_answered_200() {
        SimPortal portal = simulator.createPortal();
        install(portal);
        portal.expireAllAccessTokens();
        simulator.setTokenEndpointDelay(Duration.ofMillis(700));

        List<DeliveredEvent> delivered = portal.uninstall(false).join();

        assertEquals(List.of(200), delivered.stream().map(DeliveredEvent::httpStatus).toList());
        assertEquals(PortalStatus.UNINSTALLED, Db.portal(portal.memberId()).status());
    }

    @Test
    void a_genuine_uninstall_against_a_token_endpoint_of_3_s_is_answered_202_and_carried_out_when_it_answers() {
        SimPortal portal = simulator.createPortal();
        install(portal);
        portal.expireAllAccessTokens();
        simulator.setTokenEndpointDelay(Duration.ofSeconds(3));

        long started = System.nanoTime();
        List<DeliveredEvent> delivered = portal.uninstall(false).join();
        long answeredMs = (System.nanoTime() - started) / 1_000_000;
        System.out.printf("Genuine uninstall against a 3 s token endpoint answered in %d ms%n", answeredMs);

        assertEquals(List.of(202), delivered.stream().map(DeliveredEvent::httpStatus).toList());
        assertTrue(answeredMs < 2_000, "answered in " + answeredMs + " ms");
        assertEquals(PortalStatus.ACTIVE, Db.portal(portal.memberId()).status(), "not decided yet");
        Awaits.until(() -> Db.portal(portal.memberId()).status() == PortalStatus.UNINSTALLED, Duration.ofSeconds(10),
                "the genuine uninstall was carried out once the OAuth server answered");
        assertEquals(List.of("APP_UNINSTALLED", "SUCCESS"), Db.lastJournalEntry(em, portal.memberId()).subList(0, 2));
    }

    @Test
    void an_oauth_server_that_fails_after_the_202_leaves_an_unconfirmed_entry_and_a_warning() throws IOException {
        SimPortal portal = simulator.createPortal();
        portal.setSendsApplicationToken(true);
        install(portal);
        portal.expireAllAccessTokens();
        long entries = Db.journalSize(em, portal.memberId());
        long logStart = AppLog.end();
        simulator.setTokenEndpointDelay(Duration.ofSeconds(2));
        simulator.failNextTokenRequests(1, 503, "");

        event(Fixture.form("onappuninstall-event.form", eventValues(portal, PLAIN_USER))).then().statusCode(202);

        Awaits.until(() -> Db.journalSize(em, portal.memberId()) > entries, Duration.ofSeconds(10), "the late outcome was journaled");
        assertEquals(List.of("APP_EVENT_UNCONFIRMED", "BITRIX24_UNAVAILABLE"), Db.lastJournalEntry(em, portal.memberId()).subList(0, 2));
        assertEquals(PortalStatus.ACTIVE, Db.portal(portal.memberId()).status());
        assertTrue(AppLog.linesSince(logStart).stream().anyMatch(line -> line.contains("WARN")
                && line.contains("Could not verify ONAPPUNINSTALL for portal " + portal.memberId())));
    }

    @Test
    void a_genuine_uninstall_whose_database_goes_away_after_its_202_is_carried_out_once_it_is_back() throws Exception {
        SimPortal portal = simulator.createPortal();
        install(portal);
        portal.expireAllAccessTokens();
        simulator.setTokenEndpointDelay(Duration.ofMillis(2500));
        EmbeddedDatabase database = EmbeddedDatabase.of(em);

        CompletableFuture<List<DeliveredEvent>> delivery = portal.uninstall(false);
        assertEquals(List.of(202), delivery.get(10, TimeUnit.SECONDS).stream().map(DeliveredEvent::httpStatus).toList());
        try {
            database.stop(); // before the OAuth server answers the check's refresh
            Awaits.until(() -> deferred.size() == 1, Duration.ofSeconds(20), "the event was kept for the database");
        } finally {
            simulator.setTokenEndpointDelay(Duration.ZERO);
            database.start();
        }

        Awaits.until(() -> deferred.size() == 0 && Db.portal(portal.memberId()).status() == PortalStatus.UNINSTALLED,
                Duration.ofSeconds(20), "the kept uninstall was carried out once the database was back");
        assertEquals(0, Db.count(em, "select count(*) from user_token where portal_id = ?1", Db.portal(portal.memberId()).id));
    }

    @Test
    void an_uninstall_checked_against_an_earlier_installation_leaves_a_reinstall_alone() {
        SimPortal portal = simulator.createPortal();
        install(portal);
        Instant checked = Db.portal(portal.memberId()).installedAt;
        portal.uninstall();
        install(portal);
        Portal reinstalled = Db.portal(portal.memberId());

        assertFalse(portals.uninstall(reinstalled.id, checked));

        Portal after = Db.portal(portal.memberId());
        assertEquals(PortalStatus.ACTIVE, after.status());
        assertEquals(reinstalled.installedAt, after.installedAt);
        assertTrue(tokens.find(after.id, ADMIN).isPresent(), "the new installation's tokens were kept");
        assertTrue(portals.uninstall(after.id, after.installedAt), "the installation that was checked is uninstalled");
        assertEquals(PortalStatus.UNINSTALLED, Db.portal(portal.memberId()).status());
    }

    @Test
    void an_administrators_page_replaces_an_application_token_a_lost_update_left_stale_and_a_plain_users_does_not() {
        SimPortal portal = simulator.createPortal();
        portal.setSendsApplicationToken(true);
        install(portal);
        String stale = Db.portal(portal.memberId()).applicationToken;
        portal.removeEventBindings(binding -> binding.event().equals("ONAPPUPDATE"));
        portal.publishUpdate(ADMIN).join(); // a new application token; its ONAPPUPDATE never arrives

        tab(portal, PLAIN_USER).then().statusCode(org.hamcrest.Matchers.not(200));
        assertEquals(stale, Db.portal(portal.memberId()).applicationToken, "a plain user's page changed the application token");

        tab(portal, ADMIN).then().statusCode(200);
        Portal after = Db.portal(portal.memberId());
        assertTrue(portals.applicationTokenMatches(after, portal.applicationToken()));
        assertEquals(List.of("APP_APPLICATION_TOKEN_REPLACED", "SUCCESS", String.valueOf(ADMIN)), lastJournalEntryWithActor(portal));
        tab(portal, PLAIN_USER).then().statusCode(200);
    }

    @Test
    void an_update_vouched_for_only_by_the_stored_application_token_is_not_credited_to_its_sender() {
        SimPortal portal = simulator.createPortal();
        portal.setSendsApplicationToken(true);
        install(portal);
        Map<String, String> leaked = eventValues(portal, PLAIN_USER); // carries the application token stored now
        portal.removeEventBindings(binding -> binding.event().equals("ONAPPUPDATE"));
        portal.publishUpdate(ADMIN).join();
        leaked.put("VERSION", String.valueOf(portal.appVersion()));
        leaked.put("PREVIOUS_VERSION", "1");

        event(Fixture.form("onappupdate-event.form", leaked)).then().statusCode(200);

        List<String> entry = lastJournalEntryWithActor(portal);
        assertEquals(List.of("APP_UPDATED", "SUCCESS"), entry.subList(0, 2));
        assertEquals("", entry.get(2), "credited to a user nobody verified as an administrator");
    }

    /** Installed by the admin, whose chain then died (NEEDS_REAUTH); a plain user opened a tab before that. */
    private SimPortal needsReauthWithAUserWhoOpenedATab() {
        SimPortal portal = simulator.createPortal();
        portal.setSendsApplicationToken(true);
        install(portal);
        tab(portal, PLAIN_USER).then().statusCode(200);
        Portal stored = Db.portal(portal.memberId());
        portal.revokeRefreshTokens(ADMIN);
        TokenPair installers = tokens.find(stored.id, ADMIN).orElseThrow().tokens();
        assertInstanceOf(TokenStore.Rotation.Revoked.class, tokens.rotate(stored.id, ADMIN, installers.accessToken(), oauth::refresh));
        assertEquals(PortalStatus.NEEDS_REAUTH, Db.portal(portal.memberId()).status());
        return portal;
    }

    private List<String> lastJournalEntryWithActor(SimPortal portal) {
        Object[] row = Db.rows(em, "select action, outcome, coalesce(actor_user_id::text, '') from audit_entry where portal_id = ?1 "
                + "order by id desc limit 1", Db.portal(portal.memberId()).id).get(0);
        return Arrays.stream(row).map(String::valueOf).toList();
    }
}
