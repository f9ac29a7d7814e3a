package com.crmcardlayouts.lifecycle;

import com.crmcardlayouts.portal.Portal;
import com.crmcardlayouts.portal.PortalRegistry;
import com.crmcardlayouts.portal.PortalStatus;
import com.crmcardlayouts.simulator.SimPlacement;
import com.crmcardlayouts.simulator.SimPortal;
import com.crmcardlayouts.simulator.Simulator;
import com.crmcardlayouts.testing.Db;
import com.crmcardlayouts.testing.Fixture;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static com.crmcardlayouts.simulator.SimUsers.ADMIN;
import static com.crmcardlayouts.simulator.SimUsers.PLAIN_USER;
import static com.crmcardlayouts.testing.Bitrix24Requests.frame;
import static com.crmcardlayouts.testing.Bitrix24Requests.frameValues;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
class InstallTest {

    static final List<String> TABS = List.of("CRM_LEAD_DETAIL_TAB", "CRM_CONTACT_DETAIL_TAB", "CRM_DEAL_DETAIL_TAB", "CRM_COMPANY_DETAIL_TAB");

    @Inject
    Simulator simulator;

    @Inject
    EntityManager em;

    @Inject
    PortalRegistry registry;

    @Test
    void the_bound_tab_carries_its_title_in_every_language_of_the_tab_bundle() {
        SimPortal portal = simulator.createPortal();
        frame("/bitrix24/install", portal.domain(), "en", Fixture.form("install-frame-with-application-token.form", frameValues(portal, ADMIN)))
                .then().statusCode(200);

        SimPlacement tab = portal.placements().stream().filter(p -> p.placement().equals("CRM_DEAL_DETAIL_TAB")).findFirst().orElseThrow();
        assertEquals("Card layout", tab.langAll().path("en").path("TITLE").asText());
        assertEquals("Макет карточки", tab.langAll().path("ru").path("TITLE").asText());
        assertEquals("Kartenlayout", tab.langAll().path("de").path("TITLE").asText());
        assertEquals(3, tab.langAll().size(), "languages bound: " + tab.langAll());
    }

    @Test
    void install_from_a_newer_portal_stores_the_portal_and_binds_tabs_and_events() {
        SimPortal portal = simulator.createPortal();
        Map<String, String> values = frameValues(portal, ADMIN);

        frame("/bitrix24/install", portal.domain(), "en", Fixture.form("install-frame-with-application-token.form", values))
                .then().statusCode(200)
                .header("Content-Security-Policy", containsString("frame-ancestors 'self' http://" + portal.domain()))
                .header("X-Frame-Options", (String) null)
                .body(containsString("data-testid=\"install-summary\""))
                .body(containsString("CRM_DEAL_DETAIL_TAB"))
                .body(containsString("ONAPPUNINSTALL"))
                .body(not(containsString(values.get("AUTH_ID"))));

        Portal stored = Db.portal(portal.memberId());
        assertEquals(PortalStatus.ACTIVE, stored.status());
        assertEquals(portal.clientEndpoint(), stored.clientEndpoint);
        assertEquals(ADMIN, stored.installedBy);
        assertNotNull(stored.applicationToken);
        assertEquals(1, Db.count(em, "select count(*) from user_token where portal_id = ?1 and user_id = ?2", stored.id, ADMIN));
        assertEquals(TABS.stream().sorted().toList(), placements(portal));
        assertEquals(List.of("ONAPPINSTALL", "ONAPPUNINSTALL", "ONAPPUPDATE"),
                portal.eventBindings().stream().map(b -> b.event()).sorted().toList());
        assertTrue(portal.placements().stream().allMatch(p -> p.handler().endsWith("/bitrix24/placement")));
    }

    @Test
    void install_from_an_older_portal_waits_for_onappinstall_to_become_active() {
        SimPortal portal = simulator.createPortal();
        frame("/bitrix24/install", portal.domain(), "ru", Fixture.form("install-frame-legacy.form", frameValues(portal, ADMIN)))
                .then().statusCode(200)
                .body(containsString("Установка"));
        assertEquals(PortalStatus.NEW, Db.portal(portal.memberId()).status());

        portal.finishInstall(ADMIN).join();

        Portal stored = Db.portal(portal.memberId());
        assertEquals(PortalStatus.ACTIVE, stored.status());
        assertNotNull(stored.applicationToken);
    }

    @Test
    void on_an_older_portal_only_an_administrators_page_request_may_bring_the_application_token() {
        SimPortal portal = simulator.createPortal();
        frame("/bitrix24/install", portal.domain(), "en", Fixture.form("install-frame-legacy.form", frameValues(portal, ADMIN)))
                .then().statusCode(200);
        assertNull(Db.portal(portal.memberId()).applicationToken, "ONAPPINSTALL has not come");

        pageRequest(portal, PLAIN_USER, "CRM_DEAL_DETAIL_TAB", "/bitrix24/placement", portal.applicationToken()).then().statusCode(200);
        assertNull(Db.portal(portal.memberId()).applicationToken, "a plain user's value is not adopted");

        pageRequest(portal, ADMIN, "DEFAULT", "/bitrix24/app", portal.applicationToken()).then().statusCode(200);
        Portal stored = Db.portal(portal.memberId());
        assertTrue(registry.applicationTokenMatches(stored, portal.applicationToken()), "an administrator's value is adopted");
        assertEquals(PortalStatus.ACTIVE, stored.status());

        pageRequest(portal, PLAIN_USER, "CRM_DEAL_DETAIL_TAB", "/bitrix24/placement", "0123456789abcdef0123456789abcdef")
                .then().statusCode(403).body(containsString("data-reason=\"application_token_mismatch\""));
    }

    private static Response pageRequest(SimPortal portal, long userId, String placement, String path, String applicationToken) {
        Map<String, String> form = new HashMap<>(portal.frameForm(userId, placement, null));
        form.put("APPLICATION_TOKEN", applicationToken);
        return given().contentType(ContentType.URLENC.withCharset("UTF-8")).queryParam("LANG", "en").formParams(form).post(path);
    }

    @Test
    void an_install_whose_binding_fails_says_so_and_running_the_installer_again_repairs_it() {
        SimPortal portal = simulator.createPortal();
        portal.setMethodMissing("placement.bind", true);
        frame("/bitrix24/install", portal.domain(), "en", Fixture.form("install-frame-with-application-token.form", frameValues(portal, ADMIN)))
                .then().statusCode(502).body(containsString("data-reason=\"bitrix24_failed\""));
        assertEquals(List.of(), placements(portal));

        portal.setMethodMissing("placement.bind", false);
        frame("/bitrix24/install", portal.domain(), "en", Fixture.form("install-frame-with-application-token.form", frameValues(portal, ADMIN)))
                .then().statusCode(200);
        assertEquals(TABS.stream().sorted().toList(), placements(portal));
        assertEquals(3, portal.eventBindings().size());
        assertEquals(PortalStatus.ACTIVE, Db.portal(portal.memberId()).status());
    }

    @Test
    void reinstalling_reconciles_bindings_instead_of_failing_on_duplicates() {
        SimPortal portal = simulator.createPortal();
        for (int i = 0; i < 3; i++) {
            frame("/bitrix24/install", portal.domain(), "en",
                    Fixture.form("install-frame-with-application-token.form", frameValues(portal, ADMIN)))
                    .then().statusCode(200);
        }
        assertEquals(TABS.stream().sorted().toList(), placements(portal));
        assertEquals(3, portal.eventBindings().size());
        assertEquals(4, portal.restCallCount("placement.bind"), "only the first install binds");
    }

    @Test
    void reinstall_after_uninstall_works_and_keeps_the_portal_history() {
        SimPortal portal = simulator.createPortal();
        com.crmcardlayouts.testing.Bitrix24Requests.install(portal);
        Long portalId = Db.portal(portal.memberId()).id;
        portal.uninstall();
        assertEquals(PortalStatus.UNINSTALLED, Db.portal(portal.memberId()).status());
        assertEquals(0, Db.count(em, "select count(*) from user_token where portal_id = ?1", portalId));

        com.crmcardlayouts.testing.Bitrix24Requests.install(portal);

        Portal again = Db.portal(portal.memberId());
        assertEquals(portalId, again.id);
        assertEquals(PortalStatus.ACTIVE, again.status());
        assertEquals(TABS.stream().sorted().toList(), placements(portal));
    }

    @Test
    void a_forged_domain_and_server_endpoint_are_ignored_and_the_attacker_host_receives_nothing() {
        WireMockServer attacker = new WireMockServer(options().dynamicPort());
        attacker.start();
        try {
            SimPortal portal = simulator.createPortal();
            Map<String, String> values = frameValues(portal, ADMIN);
            values.put("ATTACKER", attacker.baseUrl());
            String attackerHost = attacker.baseUrl().substring("http://".length());
            frame("/bitrix24/install", attackerHost, "en", Fixture.form("install-frame-forged-server-endpoint.form", values))
                    .then().statusCode(200);

            assertEquals(portal.clientEndpoint(), Db.portal(portal.memberId()).clientEndpoint);
            values = frameValues(portal, ADMIN);
            values.put("AUTH_ID", "9".repeat(70));
            values.put("ATTACKER", attacker.baseUrl());
            frame("/bitrix24/install", attackerHost, "en", Fixture.form("install-frame-forged-server-endpoint.form", values))
                    .then().statusCode(401);
            assertEquals(0, attacker.getAllServeEvents().size(), "the attacker's host received a request");
        } finally {
            attacker.stop();
        }
    }

    @Test
    void a_user_who_is_not_a_portal_admin_finds_an_unknown_portal_not_installed() {
        SimPortal portal = simulator.createPortal();
        frame("/bitrix24/install", portal.domain(), "en",
                Fixture.form("install-frame-with-application-token.form", frameValues(portal, PLAIN_USER)))
                .then().statusCode(409)
                .body(containsString("not installed"));
        assertFalse(Db.hasPortal(portal.memberId()));
        assertTrue(portal.placements().isEmpty());
    }

    @Test
    void a_user_who_is_not_a_portal_admin_cannot_reinstall_an_installed_portal() {
        SimPortal portal = simulator.createPortal();
        com.crmcardlayouts.testing.Bitrix24Requests.install(portal);
        frame("/bitrix24/install", portal.domain(), "en",
                Fixture.form("install-frame-with-application-token.form", frameValues(portal, PLAIN_USER)))
                .then().statusCode(403)
                .body(containsString("Only a portal administrator"));
        assertEquals(ADMIN, Db.portal(portal.memberId()).installedBy);
    }

    @Test
    void a_forged_token_gets_401_and_changes_nothing() {
        SimPortal portal = simulator.createPortal();
        Map<String, String> values = frameValues(portal, ADMIN);
        values.put("AUTH_ID", "0".repeat(70));
        frame("/bitrix24/install", portal.domain(), "en", Fixture.form("install-frame-with-application-token.form", values))
                .then().statusCode(401)
                .body(containsString("could not confirm who you are"));
        assertFalse(Db.hasPortal(portal.memberId()));
    }

    @Test
    void a_token_of_one_portal_cannot_install_on_behalf_of_another() {
        SimPortal portal = simulator.createPortal();
        SimPortal victim = simulator.createPortal();
        Map<String, String> values = frameValues(portal, ADMIN);
        values.put("MEMBER_ID", victim.memberId());
        frame("/bitrix24/install", victim.domain(), "en", Fixture.form("install-frame-with-application-token.form", values))
                .then().statusCode(403);
        assertFalse(Db.hasPortal(victim.memberId()));
        assertFalse(Db.hasPortal(portal.memberId()));
    }

    @Test
    void a_request_without_any_token_gets_401() {
        frame("/bitrix24/install", "portal.example.com", "de", "member_id=abc&PLACEMENT=DEFAULT")
                .then().statusCode(401)
                .body(containsString("Bitrix24 konnte nicht bestätigen"));
    }

    private static List<String> placements(SimPortal portal) {
        return portal.placements().stream().map(SimPlacement::placement).sorted().toList();
    }
}
