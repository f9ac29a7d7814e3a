package com.crmcardlayouts.web;

import com.crmcardlayouts.audit.AuditEntry;
import com.crmcardlayouts.settings.Settings;
import com.crmcardlayouts.settings.SettingsStore;
import com.crmcardlayouts.bitrix24.CardType;
import com.crmcardlayouts.bitrix24.CrmEntity;
import com.crmcardlayouts.portal.PortalLock;
import com.crmcardlayouts.portal.PortalRegistry;
import com.crmcardlayouts.portal.PortalStatus;
import com.crmcardlayouts.simulator.SimPlacement;
import com.crmcardlayouts.simulator.SimPortal;
import com.crmcardlayouts.simulator.Simulator;
import com.crmcardlayouts.testing.Db;
import com.crmcardlayouts.testing.Latches;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static com.crmcardlayouts.simulator.SimUsers.ADMIN;
import static com.crmcardlayouts.simulator.SimUsers.CRM_MANAGER;
import static com.crmcardlayouts.simulator.SimUsers.PLAIN_USER;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The admin console, its settings API and its journal. */
@QuarkusTest
class ConsolePageTest {

    @Inject
    Simulator simulator;
    @Inject
    PortalRegistry portals;
    @Inject
    SettingsStore settings;
    @Inject
    PortalLock portalLock;

    InstalledPortal portal;

    @BeforeEach
    void install() {
        portal = InstalledPortal.install(simulator, portals);
    }

    private String adminSession() {
        return InstalledPortal.sessionOf(portal.app(ADMIN, "en"));
    }

    @Test
    void a_portal_admin_sees_status_bound_tabs_settings_and_journal() {
        portal.app(ADMIN, "en").then().statusCode(200)
                .body(containsString("data-testid=\"portal-domain\">" + portal.sim.domain()))
                .body(containsString("data-placement=\"CRM_DEAL_DETAIL_TAB\""))
                .body(containsString("name=\"nonAdminsMayUse\" checked"))
                .body(containsString("Installed the app"));
    }

    @Test
    void the_console_names_the_portals_state_in_the_viewers_language_and_shows_no_stored_token() {
        String sealedToken = Db.portal(portal.sim.memberId()).applicationToken;
        portal.app(ADMIN, "en").then().statusCode(200)
                .body(containsString("data-testid=\"portal-state\">Active</dd>"))
                .body(not(containsString(sealedToken)));
        portal.app(ADMIN, "ru").then().statusCode(200).body(containsString("data-testid=\"portal-state\">Работает</dd>"));
        portal.app(ADMIN, "de").then().statusCode(200).body(containsString("data-testid=\"portal-state\">Aktiv</dd>"));
    }

    @Test
    void opening_the_console_asks_bitrix24_only_whether_the_viewer_is_an_admin() {
        portal.app(ADMIN, "en").then().statusCode(200);
        portal.app(CRM_MANAGER, "en").then().statusCode(200);
        assertEquals(0, portal.sim.restCallCount("crm.item.details.configuration.get")
                + portal.sim.restCallCount("crm.deal.details.configuration.get"));
    }

    @Test
    void others_get_a_short_explanation_and_a_session_that_opens_no_console_api() {
        String session = InstalledPortal.sessionOf(portal.app(CRM_MANAGER, "en").then().statusCode(200)
                .body(containsString("data-testid=\"about\"")).extract().response());
        InstalledPortal.put(session, "/api/settings", "{\"tabs\":[\"LEAD\"],\"nonAdminsMayUse\":true,\"usersMayResetOwn\":true}")
                .statusCode(403).body("error", equalTo("FORBIDDEN"));
        given().header("Authorization", "Bearer " + session).get("/api/audit?page=1").then().statusCode(403);
    }

    @Test
    void the_install_page_carries_the_installing_admins_session() {
        String session = InstalledPortal.sessionOf(
                InstalledPortal.frame(portal.sim, ADMIN, "DEFAULT", null, "en", "/bitrix24/install"));
        given().header("Authorization", "Bearer " + session).get("/api/audit?page=1").then().statusCode(200);
    }

    @Test
    void an_admin_saves_settings_and_the_tabs_are_rebound_with_their_token() {
        InstalledPortal.put(adminSession(), "/api/settings",
                        "{\"tabs\":[\"LEAD\",\"QUOTE\"],\"nonAdminsMayUse\":true,\"usersMayResetOwn\":false}")
                .statusCode(200).body("result", equalTo(true));

        assertEquals(new Settings(List.of(CardType.of(CrmEntity.LEAD), CardType.of(CrmEntity.QUOTE)), true, false), settings.forPortal(portal.portalId));
        assertEquals(List.of("CRM_LEAD_DETAIL_TAB", "CRM_QUOTE_DETAIL_TAB"),
                portal.sim.placements().stream().map(SimPlacement::placement).sorted().toList());
        portal.app(ADMIN, "en").then().body(containsString("Changed the settings"));
    }

    @Test
    void the_console_offers_the_portals_smart_processes_by_their_titles() {
        portal.app(ADMIN, "en").then().statusCode(200)
                .body(containsString("name=\"tabs\" value=\"DYNAMIC_1032\"> " + SimPortal.SMART_PROCESS_TITLE))
                .body(not(containsString("data-testid=\"smart-processes-unknown\"")));
    }

    @Test
    void without_bitrix24s_list_of_smart_processes_the_console_offers_the_fixed_cards_and_says_so() {
        portal.sim.setMethodMissing("crm.type.", true);
        portal.app(ADMIN, "en").then().statusCode(200)
                .body(containsString("name=\"tabs\" value=\"QUOTE\""))
                .body(not(containsString("value=\"DYNAMIC_1032\"")))
                .body(containsString("data-testid=\"smart-processes-unknown\""));
    }

    @Test
    void running_the_installer_again_keeps_the_tabs_the_admin_chose() {
        InstalledPortal.put(adminSession(), "/api/settings",
                "{\"tabs\":[\"QUOTE\",\"DYNAMIC_1032\"],\"nonAdminsMayUse\":true,\"usersMayResetOwn\":true}").statusCode(200);

        InstalledPortal.frame(portal.sim, ADMIN, "DEFAULT", null, "en", "/bitrix24/install").then().statusCode(200);

        assertEquals(List.of("CRM_DYNAMIC_1032_DETAIL_TAB", "CRM_QUOTE_DETAIL_TAB"), boundPlacements());
        assertEquals(List.of("CRM_DYNAMIC_1032_DETAIL_TAB", "CRM_QUOTE_DETAIL_TAB"),
                settings.forPortal(portal.portalId).tabs().stream().map(CardType::placement).sorted().toList());
    }

    @Test
    void running_the_installer_while_a_save_holds_the_portal_waits_and_binds_what_that_save_stored() throws Exception {
        CountDownLatch held = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            // Stands for a settings save that has bound LEAD and is about to store it.
            Future<?> save = threads.submit(() -> portalLock.tryWhileHeld(portal.portalId, () -> {
                held.countDown();
                settings.save(portal.portalId, ADMIN, new Settings(List.of(CardType.of(CrmEntity.LEAD)), true, true));
                Latches.await(release);
                return true;
            }).orElseThrow());
            assertTrue(held.await(10, TimeUnit.SECONDS));
            Instant before = Db.portal(portal.sim.memberId()).updatedAt;
            int placementReads = portal.sim.restCallCount("placement.get");
            Future<Integer> install = threads.submit(() ->
                    InstalledPortal.frame(portal.sim, ADMIN, "DEFAULT", null, "en", "/bitrix24/install").then().extract().statusCode());

            // The install has stored the portal and now tries for the lock every 100 ms.
            for (int waited = 0; !Db.portal(portal.sim.memberId()).updatedAt.isAfter(before); waited += 20) {
                assertTrue(waited < 20_000, "the install never stored the portal");
                Thread.sleep(20);
            }
            Thread.sleep(300);
            assertFalse(install.isDone(), "the install waits while the save holds the portal");
            assertEquals(placementReads, portal.sim.restCallCount("placement.get"), "and has not touched the bindings");
            release.countDown();
            save.get(10, TimeUnit.SECONDS);

            assertEquals(200, install.get(30, TimeUnit.SECONDS));
            assertEquals(List.of("CRM_LEAD_DETAIL_TAB"), boundPlacements(), "the install bound the tabs the save stored");
        } finally {
            release.countDown();
            threads.shutdownNow();
        }
    }

    @Test
    void a_chosen_smart_process_stays_offered_and_checked_when_bitrix24_cannot_list_them() {
        InstalledPortal.put(adminSession(), "/api/settings",
                "{\"tabs\":[\"DEAL\",\"DYNAMIC_1032\"],\"nonAdminsMayUse\":true,\"usersMayResetOwn\":true}").statusCode(200);
        portal.sim.setMethodMissing("crm.type.", true);
        portal.app(ADMIN, "en").then().statusCode(200)
                .body(containsString("name=\"tabs\" value=\"DYNAMIC_1032\" checked> Smart process 1032"))
                .body(containsString("data-testid=\"smart-processes-unknown\""));
    }

    @Test
    void choosing_a_smart_process_binds_its_tab_which_then_opens_and_the_console_shows_it_bound() {
        InstalledPortal.put(adminSession(), "/api/settings",
                        "{\"tabs\":[\"DEAL\",\"DYNAMIC_1032\"],\"nonAdminsMayUse\":true,\"usersMayResetOwn\":true}")
                .statusCode(200).body("result", equalTo(true));

        assertEquals(List.of("CRM_DEAL_DETAIL_TAB", "CRM_DYNAMIC_1032_DETAIL_TAB"), boundPlacements());
        assertEquals(List.of(CardType.of(CrmEntity.DEAL), new CardType(1032)), settings.forPortal(portal.portalId).tabs());
        portal.app(ADMIN, "en").then().statusCode(200)
                .body(containsString("data-placement=\"CRM_DYNAMIC_1032_DETAIL_TAB\">" + SimPortal.SMART_PROCESS_TITLE + "</span>"))
                .body(containsString("name=\"tabs\" value=\"DYNAMIC_1032\" checked>"));
        portal.tab(ADMIN, "CRM_DYNAMIC_1032_DETAIL_TAB", "{\"ID\":\"1\"}", "en").then().statusCode(200);
    }

    @Test
    void unchoosing_a_smart_process_unbinds_its_tab_and_switches_it_off() {
        String session = adminSession();
        InstalledPortal.put(session, "/api/settings",
                "{\"tabs\":[\"DEAL\",\"DYNAMIC_1032\"],\"nonAdminsMayUse\":true,\"usersMayResetOwn\":true}").statusCode(200);

        InstalledPortal.put(session, "/api/settings",
                "{\"tabs\":[\"DEAL\"],\"nonAdminsMayUse\":true,\"usersMayResetOwn\":true}").statusCode(200);

        assertEquals(List.of("CRM_DEAL_DETAIL_TAB"), boundPlacements());
        portal.tab(ADMIN, "CRM_DYNAMIC_1032_DETAIL_TAB", "{\"ID\":\"1\"}", "en").then().statusCode(403)
                .body(containsString("data-reason=\"tab_disabled\""));
    }

    @Test
    void a_smart_process_the_portal_lacks_is_refused_as_input_and_changes_nothing() {
        List<String> boundBefore = boundPlacements();
        InstalledPortal.put(adminSession(), "/api/settings",
                        "{\"tabs\":[\"DEAL\",\"DYNAMIC_9998\"],\"nonAdminsMayUse\":true,\"usersMayResetOwn\":true}")
                .statusCode(400).body("error", equalTo("INVALID_INPUT"))
                .body("message", equalTo("\"tabs\" names DYNAMIC_9998, but this portal has no such smart process."));

        assertEquals(Settings.DEFAULTS, settings.forPortal(portal.portalId));
        assertEquals(boundBefore, boundPlacements());
    }

    private List<String> boundPlacements() {
        return portal.sim.placements().stream().map(SimPlacement::placement).sorted().toList();
    }

    private AuditEntry lastEntry() {
        return QuarkusTransaction.requiringNew().call(() ->
                AuditEntry.<AuditEntry>find("portalId = ?1 order by id desc", portal.portalId).firstResult());
    }

    @Test
    void a_save_bitrix24_fails_leaves_the_old_settings_live_and_says_why() {
        String session = adminSession();
        List<String> boundBefore = boundPlacements();
        portal.sim.failNextCalls(3, 500, "INTERNAL_SERVER_ERROR");

        InstalledPortal.put(session, "/api/settings", "{\"tabs\":[\"LEAD\"],\"nonAdminsMayUse\":false,\"usersMayResetOwn\":false}")
                .statusCode(502).body("error", equalTo("BITRIX24_ERROR"))
                .body("message", containsString("Bitrix24 reported an error"));

        assertEquals(Settings.DEFAULTS, settings.forPortal(portal.portalId));
        assertEquals(boundBefore, boundPlacements());
        assertEquals("BITRIX24_ERROR", lastEntry().outcome);
    }

    @Test
    void a_save_bitrix24_keeps_rate_limiting_leaves_the_old_settings_live() {
        String session = adminSession();
        portal.sim.setRateLimited(true);

        InstalledPortal.put(session, "/api/settings", "{\"tabs\":[\"QUOTE\"],\"nonAdminsMayUse\":true,\"usersMayResetOwn\":true}")
                .statusCode(503).body("error", equalTo("RATE_LIMITED"));

        portal.sim.setRateLimited(false);
        assertEquals(Settings.DEFAULTS, settings.forPortal(portal.portalId));
        assertEquals(List.of("CRM_COMPANY_DETAIL_TAB", "CRM_CONTACT_DETAIL_TAB", "CRM_DEAL_DETAIL_TAB", "CRM_LEAD_DETAIL_TAB"),
                boundPlacements());
    }

    @Test
    void admins_saving_at_once_leave_the_stored_tabs_equal_to_the_bound_ones() throws Exception {
        String session = adminSession();
        ExecutorService admins = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 3; round++) {
                Future<Integer> one = admins.submit(() -> InstalledPortal.put(session, "/api/settings",
                        "{\"tabs\":[\"LEAD\",\"QUOTE\"],\"nonAdminsMayUse\":true,\"usersMayResetOwn\":true}").extract().statusCode());
                Future<Integer> other = admins.submit(() -> InstalledPortal.put(session, "/api/settings",
                        "{\"tabs\":[\"DEAL\",\"COMPANY\",\"SMART_INVOICE\"],\"nonAdminsMayUse\":true,\"usersMayResetOwn\":true}").extract().statusCode());
                // Each save either ran whole or was told another one is running (409 SAVE_IN_PROGRESS).
                List<Integer> answers = List.of(one.get(30, TimeUnit.SECONDS), other.get(30, TimeUnit.SECONDS));
                assertTrue(answers.contains(200), "one save went through: " + answers);
                assertTrue(answers.stream().allMatch(status -> status == 200 || status == 409), "answers: " + answers);

                List<String> stored = settings.forPortal(portal.portalId).tabs().stream().map(CardType::placement).sorted().toList();
                assertEquals(stored, boundPlacements());
            }
        } finally {
            admins.shutdownNow();
        }
    }

    @Test
    void a_second_save_while_one_is_running_is_told_to_try_again() throws Exception {
        String session = adminSession();
        // The first save waits in Bitrix24's rate limit (the request budget, 4 s in tests) while holding the portal's lock.
        portal.sim.setRateLimited(true);
        ExecutorService admins = Executors.newSingleThreadExecutor();
        try {
            int placementReads = portal.sim.restCallCount("placement.get");
            Future<Integer> slow = admins.submit(() -> InstalledPortal.put(session, "/api/settings",
                    "{\"tabs\":[\"LEAD\"],\"nonAdminsMayUse\":true,\"usersMayResetOwn\":true}").extract().statusCode());
            // Once it asks Bitrix24 for the bound tabs, the first save holds the lock.
            for (int waited = 0; portal.sim.restCallCount("placement.get") == placementReads; waited += 10) {
                assertTrue(waited < 20_000, "the first save never reached Bitrix24");
                Thread.sleep(10);
            }
            InstalledPortal.put(session, "/api/settings", "{\"tabs\":[\"DEAL\"],\"nonAdminsMayUse\":true,\"usersMayResetOwn\":true}")
                    .statusCode(409).body("error", equalTo("SAVE_IN_PROGRESS"))
                    .body("message", containsString("Another administrator is saving"));
            assertEquals(503, slow.get(30, TimeUnit.SECONDS));
        } finally {
            portal.sim.setRateLimited(false);
            admins.shutdownNow();
        }
        InstalledPortal.put(session, "/api/settings", "{\"tabs\":[\"DEAL\"],\"nonAdminsMayUse\":true,\"usersMayResetOwn\":true}")
                .statusCode(200);
    }

    @Test
    void settings_input_is_checked_strictly() {
        String session = adminSession();
        InstalledPortal.put(session, "/api/settings", "{\"tabs\":[\"LEAD\"],\"nonAdminsMayUse\":\"true\",\"usersMayResetOwn\":true}")
                .statusCode(400).body("error", equalTo("INVALID_INPUT"));
        InstalledPortal.put(session, "/api/settings", "{\"tabs\":[\"ORDER\"],\"nonAdminsMayUse\":true,\"usersMayResetOwn\":true}")
                .statusCode(400);
        InstalledPortal.put(session, "/api/settings", "{\"tabs\":[\"DYNAMIC_9999\"],\"nonAdminsMayUse\":true,\"usersMayResetOwn\":true}")
                .statusCode(400).body("error", equalTo("INVALID_INPUT"))
                .body("message", containsString("\"DYNAMIC_1032\" (a smart process)"));
        InstalledPortal.put(session, "/api/settings", "{\"tabs\":[],\"nonAdminsMayUse\":true}").statusCode(400);
        InstalledPortal.put(session, "/api/settings", "{\"tabs\":null,\"nonAdminsMayUse\":true,\"usersMayResetOwn\":true}")
                .statusCode(400).body("error", equalTo("INVALID_INPUT"));
        InstalledPortal.put(session, "/api/settings", "{\"tabs\":[],\"nonAdminsMayUse\":null,\"usersMayResetOwn\":true}")
                .statusCode(400).body("message", equalTo("The field \"nonAdminsMayUse\" must be true or false."));
    }

    @Test
    void only_portal_admins_may_change_settings() {
        String managerSession = portal.session(CRM_MANAGER);
        InstalledPortal.put(managerSession, "/api/settings", "{\"tabs\":[],\"nonAdminsMayUse\":true,\"usersMayResetOwn\":true}")
                .statusCode(403).body("error", equalTo("FORBIDDEN"));
        given().contentType("application/json").body("{\"tabs\":[],\"nonAdminsMayUse\":true,\"usersMayResetOwn\":true}")
                .put("/api/settings").then().statusCode(401);
    }

    @Test
    void the_journal_pages_twenty_entries_newest_first() {
        String session = portal.session(CRM_MANAGER);
        for (int i = 0; i < 21; i++) {
            InstalledPortal.reset(session, "{\"entityTypeId\":3,\"scope\":\"C\"}").statusCode(200);
        }
        String admin = adminSession();
        String first = given().header("Authorization", "Bearer " + admin).get("/api/audit?page=1").then().statusCode(200)
                .header("X-Frame-Options", "DENY").extract().asString();
        assertEquals(20, first.split("data-audit-id=").length - 1);
        String second = given().header("Authorization", "Bearer " + admin).get("/api/audit?page=2").then().statusCode(200)
                .extract().asString();
        // The 21 resets and, oldest, the install.
        assertEquals(2, second.split("data-audit-id=").length - 1);
        given().header("Authorization", "Bearer " + InstalledPortal.sessionOf(portal.tab(PLAIN_USER, "CRM_DEAL_DETAIL_TAB", null, "en")))
                .get("/api/audit?page=1").then().statusCode(403);
    }

    @Test
    void an_admin_opening_the_app_on_a_portal_the_app_lost_registers_it_again() {
        portals.uninstall(portal.portalId, portals.find(portal.portalId).orElseThrow().installedAt);
        portal.app(ADMIN, "en").then().statusCode(200).body(containsString("data-testid=\"portal-status\""));
        assertEquals(PortalStatus.ACTIVE, portals.find(portal.portalId).orElseThrow().status());
        assertEquals(Settings.DEFAULTS, settings.forPortal(portal.portalId));
    }

    @Test
    void a_user_opening_the_app_on_an_unknown_portal_is_asked_to_fetch_an_admin() {
        SimPortal unknown = simulator.createPortal();
        InstalledPortal.frame(unknown, PLAIN_USER, "DEFAULT", null, "en", "/bitrix24/app").then().statusCode(409)
                .body(containsString("data-reason=\"not_installed\""));
    }
}
