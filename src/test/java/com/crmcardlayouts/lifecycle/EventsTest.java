package com.crmcardlayouts.lifecycle;

import com.crmcardlayouts.portal.Portal;
import com.crmcardlayouts.portal.PortalRegistry;
import com.crmcardlayouts.portal.PortalStatus;
import com.crmcardlayouts.portal.TokenPair;
import com.crmcardlayouts.simulator.IssuedTokens;
import com.crmcardlayouts.simulator.SimPortal;
import com.crmcardlayouts.simulator.Simulator;
import com.crmcardlayouts.testing.Db;
import com.crmcardlayouts.testing.Fixture;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static com.crmcardlayouts.simulator.SimUsers.ADMIN;
import static com.crmcardlayouts.simulator.SimUsers.PLAIN_USER;
import static com.crmcardlayouts.testing.Bitrix24Requests.event;
import static com.crmcardlayouts.testing.Bitrix24Requests.eventValues;
import static com.crmcardlayouts.testing.Bitrix24Requests.install;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
class EventsTest {

    static WireMockServer attacker;

    @Inject
    Simulator simulator;

    @Inject
    PortalRegistry registry;

    @Inject
    EntityManager em;

    @BeforeAll
    static void startAttacker() {
        attacker = new WireMockServer(options().dynamicPort());
        attacker.start();
    }

    @AfterAll
    static void stopAttacker() {
        attacker.stop();
    }

    @Test
    void onappinstall_is_verified_with_the_oauth_server_and_creates_the_portal() {
        SimPortal portal = simulator.createPortal();
        event(Fixture.form("onappinstall-event.form", eventValues(portal, ADMIN))).then().statusCode(200);

        Portal stored = Db.portal(portal.memberId());
        assertEquals(PortalStatus.ACTIVE, stored.status());
        assertTrue(registry.applicationTokenMatches(stored, portal.applicationToken()));
        assertEquals(1, tokens(stored.id));
    }

    @Test
    void a_duplicate_onappinstall_is_harmless() {
        SimPortal portal = simulator.createPortal();
        String body = Fixture.form("onappinstall-event.form", eventValues(portal, ADMIN));
        event(body).then().statusCode(200);
        event(Fixture.form("onappinstall-event.form", eventValues(portal, ADMIN))).then().statusCode(200);
        assertEquals(PortalStatus.ACTIVE, Db.portal(portal.memberId()).status());
        assertEquals(1, tokens(Db.portal(portal.memberId()).id));
    }

    @Test
    void onappinstall_with_a_forged_access_token_gets_401_and_stores_nothing() {
        SimPortal portal = simulator.createPortal();
        Map<String, String> values = eventValues(portal, ADMIN);
        values.put("ACCESS_TOKEN", "f".repeat(70));
        event(Fixture.form("onappinstall-event.form", values)).then().statusCode(401);
        assertFalse(Db.hasPortal(portal.memberId()));
    }

    @Test
    void onappinstall_naming_another_portal_than_its_token_gets_401() {
        SimPortal portal = simulator.createPortal();
        SimPortal victim = simulator.createPortal();
        Map<String, String> values = eventValues(portal, ADMIN);
        values.put("MEMBER_ID", victim.memberId());
        event(Fixture.form("onappinstall-event.form", values)).then().statusCode(401);
        assertFalse(Db.hasPortal(victim.memberId()));
    }

    @Test
    void forged_endpoints_in_an_event_are_ignored_and_never_called() {
        SimPortal portal = simulator.createPortal();
        Map<String, String> values = eventValues(portal, ADMIN);
        values.put("ATTACKER", attacker.baseUrl());
        event(Fixture.form("onappinstall-event-forged-endpoints.form", values)).then().statusCode(200);

        assertEquals(portal.clientEndpoint(), Db.portal(portal.memberId()).clientEndpoint);
        assertEquals(0, attacker.getAllServeEvents().size(), "the attacker's host received a request");
    }

    @Test
    void onappupdate_with_a_new_token_vouched_for_by_the_oauth_server_replaces_the_stored_token() {
        SimPortal portal = simulator.createPortal();
        install(portal);
        String oldToken = portal.applicationToken();

        portal.publishUpdate(ADMIN).join();

        Portal stored = Db.portal(portal.memberId());
        assertNotEquals(oldToken, portal.applicationToken());
        assertTrue(registry.applicationTokenMatches(stored, portal.applicationToken()));
        assertFalse(registry.applicationTokenMatches(stored, oldToken));
        assertEquals(portal.appVersion(), stored.appVersion);
    }

    @Test
    void onappupdate_that_neither_token_vouches_for_gets_401_and_keeps_the_old_token() {
        SimPortal portal = simulator.createPortal();
        install(portal);
        Map<String, String> values = eventValues(portal, ADMIN);
        values.put("ACCESS_TOKEN", "a".repeat(70));
        values.put("APPLICATION_TOKEN", "b".repeat(32));
        values.put("VERSION", "9");
        values.put("PREVIOUS_VERSION", "1");
        event(Fixture.form("onappupdate-event.form", values)).then().statusCode(401);

        assertTrue(registry.applicationTokenMatches(Db.portal(portal.memberId()), portal.applicationToken()));
    }

    @Test
    void a_plain_user_cannot_swap_the_application_token_and_then_uninstall_the_portal() {
        SimPortal portal = simulator.createPortal();
        install(portal);
        String forgedToken = "e".repeat(32);
        Map<String, String> update = eventValues(portal, PLAIN_USER);
        update.put("APPLICATION_TOKEN", forgedToken);
        update.put("VERSION", "2");
        update.put("PREVIOUS_VERSION", "1");
        event(Fixture.form("onappupdate-event.form", update)).then().statusCode(401);
        Map<String, String> install = eventValues(portal, PLAIN_USER);
        install.put("APPLICATION_TOKEN", forgedToken);
        event(Fixture.form("onappinstall-event.form", install)).then().statusCode(401);

        Map<String, String> uninstall = eventValues(portal, PLAIN_USER);
        uninstall.put("APPLICATION_TOKEN", forgedToken);
        event(Fixture.form("onappuninstall-event.form", uninstall)).then().statusCode(401);

        Portal stored = Db.portal(portal.memberId());
        assertEquals(PortalStatus.ACTIVE, stored.status());
        assertTrue(registry.applicationTokenMatches(stored, portal.applicationToken()));
        assertEquals(1, tokens(stored.id));
    }

    @Test
    void onappinstall_for_an_unknown_portal_needs_an_administrators_token() {
        SimPortal portal = simulator.createPortal();
        event(Fixture.form("onappinstall-event.form", eventValues(portal, PLAIN_USER))).then().statusCode(401);
        assertFalse(Db.hasPortal(portal.memberId()));
    }

    @Test
    void a_forged_uninstall_gets_401_and_keeps_every_token() {
        SimPortal portal = simulator.createPortal();
        install(portal);
        Map<String, String> values = eventValues(portal, ADMIN);
        values.put("APPLICATION_TOKEN", "0123456789abcdef0123456789abcdef");
        event(Fixture.form("onappuninstall-event.form", values)).then().statusCode(401);

        Portal stored = Db.portal(portal.memberId());
        assertEquals(PortalStatus.ACTIVE, stored.status());
        assertEquals(1, tokens(stored.id));
    }

    @Test
    void a_genuine_uninstall_wipes_tokens_keeps_the_portal_and_its_duplicate_changes_nothing() {
        SimPortal portal = simulator.createPortal();
        install(portal);
        String body = Fixture.form("onappuninstall-event.form", eventValues(portal, ADMIN));

        // Bitrix24 revokes every token of the app, then delivers the event.
        portal.uninstall();
        Portal stored = Db.portal(portal.memberId());
        assertEquals(PortalStatus.UNINSTALLED, stored.status());
        assertEquals(0, tokens(stored.id));

        event(body).then().statusCode(200);
        assertEquals(stored.uninstalledAt, Db.portal(portal.memberId()).uninstalledAt);
    }

    @Test
    void a_page_opened_just_before_an_uninstall_does_not_bring_a_token_back() {
        SimPortal portal = simulator.createPortal();
        install(portal);
        long portalId = Db.portal(portal.memberId()).id;
        portal.uninstall();

        IssuedTokens late = portal.issueTokens(PLAIN_USER);
        registry.userReturned(portalId, PLAIN_USER, new TokenPair(late.accessToken(), late.refreshToken(), late.expiresAt()));

        assertEquals(0, tokens(portalId));
    }

    @Test
    void events_for_an_unknown_portal_get_401() {
        SimPortal portal = simulator.createPortal();
        event(Fixture.form("onappuninstall-event.form", eventValues(portal, ADMIN))).then().statusCode(401);
        event("event=ONCRMLEADADD&auth%5Bmember_id%5D=" + portal.memberId()).then().statusCode(401);
        event("nothing=here").then().statusCode(401);
        assertFalse(Db.hasPortal(portal.memberId()));
    }

    private long tokens(long portalId) {
        return Db.count(em, "select count(*) from user_token where portal_id = ?1", portalId);
    }
}
