package com.crmcardlayouts.web;

import com.crmcardlayouts.audit.AuditJournal;
import com.crmcardlayouts.settings.Settings;
import com.crmcardlayouts.settings.SettingsStore;
import com.crmcardlayouts.bitrix24.CardType;
import com.crmcardlayouts.bitrix24.CrmEntity;
import com.crmcardlayouts.requests.Caller;
import com.crmcardlayouts.portal.PortalRegistry;
import com.crmcardlayouts.portal.TokenCipher;
import com.crmcardlayouts.simulator.SimPlacement;
import com.crmcardlayouts.simulator.Simulator;
import com.crmcardlayouts.testing.Fixture;
import com.crmcardlayouts.testing.AppLog;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static com.crmcardlayouts.simulator.SimUsers.ADMIN;
import static com.crmcardlayouts.simulator.SimUsers.PLAIN_USER;
import static com.crmcardlayouts.testing.Bitrix24Requests.event;
import static com.crmcardlayouts.testing.Bitrix24Requests.eventValues;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Sessions and settings across the installation's life: uninstall, reinstall, lost admin rights, many smart processes. */
@QuarkusTest
class InstallationBoundTest {

    private static final String SOME_SETTINGS = "{\"tabs\":[\"LEAD\"],\"nonAdminsMayUse\":false,\"usersMayResetOwn\":false}";
    private static final Settings LEAD_ONLY = new Settings(List.of(CardType.of(CrmEntity.LEAD)), false, false);

    @Inject
    Simulator simulator;
    @Inject
    PortalRegistry portals;
    @Inject
    SettingsStore settings;
    @Inject
    TokenCipher cipher;

    InstalledPortal portal;

    @BeforeEach
    void install() {
        portal = InstalledPortal.install(simulator, portals);
        portal.sim.finishInstall();
    }

    private String adminSession() {
        return InstalledPortal.sessionOf(portal.app(ADMIN, "en"));
    }

    private void reinstall() {
        InstalledPortal.frame(portal.sim, ADMIN, "DEFAULT", null, "en", "/bitrix24/install").then().statusCode(200);
        portal.sim.finishInstall();
    }

    private static ValidatableResponse journal(String session, String page) {
        return given().header("Authorization", "Bearer " + session).get("/api/audit?page=" + page).then();
    }

    @Test
    void a_session_ends_with_the_uninstall_and_stays_void_after_a_reinstall() {
        String session = adminSession();
        journal(session, "1").statusCode(200);

        portal.sim.uninstall();
        journal(session, "1").statusCode(409).body("error", equalTo("NOT_INSTALLED"));

        reinstall();
        journal(session, "1").statusCode(401).body("error", equalTo("UNAUTHORIZED"));
        InstalledPortal.put(session, "/api/settings", SOME_SETTINGS).statusCode(401);
        journal(adminSession(), "1").statusCode(200);
    }

    @Test
    void a_tab_session_of_the_previous_installation_resets_nothing() {
        String session = portal.session(PLAIN_USER);
        portal.sim.uninstall();
        reinstall();
        InstalledPortal.reset(session, "{\"entityTypeId\":2,\"scope\":\"P\"}").statusCode(401);
        assertEquals(0, portal.sim.restCallCount("crm.item.details.configuration.reset"));
    }

    @Test
    void an_administrator_who_lost_the_role_is_refused_once_the_session_is_five_minutes_old() {
        String old = sessionIssuedAgo(Duration.ofMinutes(6));
        portal.sim.setUser(ADMIN, false, false, true);

        InstalledPortal.put(old, "/api/settings", SOME_SETTINGS).statusCode(403).body("error", equalTo("FORBIDDEN"));
        journal(old, "1").statusCode(403).body("error", equalTo("FORBIDDEN"));
        assertEquals(Settings.DEFAULTS, settings.forPortal(portal.portalId));
    }

    @Test
    void an_older_session_of_a_current_administrator_is_asked_about_once_per_call_and_works() {
        String old = sessionIssuedAgo(Duration.ofMinutes(6));
        int before = portal.sim.restCallCount("profile");
        journal(old, "1").statusCode(200);
        assertEquals(before + 1, portal.sim.restCallCount("profile"));

        String fresh = sessionIssuedAgo(Duration.ofMinutes(1));
        int beforeFresh = portal.sim.restCallCount("profile");
        journal(fresh, "1").statusCode(200);
        assertEquals(beforeFresh, portal.sim.restCallCount("profile"), "a session younger than five minutes is taken at its word");
    }

    private String sessionIssuedAgo(Duration age) {
        Clock then = Clock.offset(Clock.system(ZoneOffset.UTC), age.negated());
        return new AppSessions(cipher.deriveKey("app-session"), then)
                .issue(new Caller(portal.portalId, ADMIN, true, true), portals.find(portal.portalId).orElseThrow(), "en");
    }

    @Test
    void settings_survive_an_uninstall_and_the_reinstall_binds_them() {
        InstalledPortal.put(adminSession(), "/api/settings", SOME_SETTINGS).statusCode(200);
        portal.sim.uninstall();

        reinstall();

        assertEquals(LEAD_ONLY, settings.forPortal(portal.portalId));
        assertEquals(List.of("CRM_LEAD_DETAIL_TAB"), portal.sim.placements().stream().map(SimPlacement::placement).toList());
    }

    @Test
    void an_administrator_opening_the_app_after_an_uninstall_registers_it_again_with_its_settings() {
        InstalledPortal.put(adminSession(), "/api/settings", SOME_SETTINGS).statusCode(200);
        portals.uninstall(portal.portalId, portals.find(portal.portalId).orElseThrow().installedAt);

        portal.app(ADMIN, "en").then().statusCode(200);

        assertEquals(LEAD_ONLY, settings.forPortal(portal.portalId));
    }

    @Test
    void forty_smart_processes_get_their_tabs_and_the_settings_that_say_so() {
        List<String> keys = new ArrayList<>(List.of("DEAL"));
        IntStream.rangeClosed(1, 40).forEach(n -> keys.add("DYNAMIC_" + portal.sim.addSmartProcess("Process " + n)));
        String tabs = keys.stream().map(key -> "\"" + key + "\"").collect(Collectors.joining(","));

        InstalledPortal.put(adminSession(), "/api/settings", "{\"tabs\":[" + tabs + "],\"nonAdminsMayUse\":true,\"usersMayResetOwn\":true}")
                .statusCode(200);

        List<String> stored = settings.forPortal(portal.portalId).tabs().stream().map(CardType::key).toList();
        assertEquals(keys, stored);
        List<String> bound = portal.sim.placements().stream().map(SimPlacement::placement).sorted().toList();
        assertEquals(keys.stream().map(key -> CardType.ofKey(key).orElseThrow().placement()).sorted().toList(), bound);
    }

    @Test
    void a_save_whose_binding_bitrix24_refuses_puts_the_previous_stored_settings_back() {
        String session = adminSession();
        InstalledPortal.put(session, "/api/settings", SOME_SETTINGS).statusCode(200);
        portal.sim.failNextCalls(3, 500, "INTERNAL_SERVER_ERROR");

        InstalledPortal.put(session, "/api/settings", "{\"tabs\":[\"QUOTE\"],\"nonAdminsMayUse\":true,\"usersMayResetOwn\":true}")
                .statusCode(502);

        assertEquals(LEAD_ONLY, settings.forPortal(portal.portalId));
        assertEquals(List.of("CRM_LEAD_DETAIL_TAB"), portal.sim.placements().stream().map(SimPlacement::placement).toList());
    }

    @Test
    void a_journal_page_past_what_an_offset_can_reach_is_invalid_input_not_a_crash() {
        String session = adminSession();
        journal(session, "999999999").statusCode(400).body("error", equalTo("INVALID_INPUT"))
                .body("message", equalTo("\"page\" may be at most " + AuditJournal.LAST_PAGE + "."));
        journal(session, "99999999999999999999").statusCode(400).body("error", equalTo("INVALID_INPUT"));
        journal(session, String.valueOf(AuditJournal.LAST_PAGE)).statusCode(200);
    }

    @Test
    void the_console_journal_names_lifecycle_changes_and_refused_events() {
        event(Fixture.form("onappuninstall-event.form", eventValues(portal.sim, PLAIN_USER))).then().statusCode(401);
        portal.sim.uninstall();
        reinstall();

        journal(adminSession(), "1").statusCode(200)
                .body(containsString("Installed the app"))
                .body(containsString("Refused an app event said to come from Bitrix24"))
                .body(containsString("Uninstalled the app"))
                .body(containsString("Reinstalled the app"))
                .body(containsString("Refused"));
    }

    @Test
    void portal_text_in_an_error_reaches_the_log_without_its_line_breaks() throws IOException {
        long from = AppLog.end();
        String session = adminSession();
        portal.sim.failNextCalls(3, 400, "BAD\r\n2026-12-03 12:00:00,000 INFO  [forged] an injected line");

        InstalledPortal.put(session, "/api/settings", SOME_SETTINGS).statusCode(502);

        List<String> lines = AppLog.linesSince(from);
        assertTrue(lines.stream().anyMatch(line -> line.contains("BAD  2026-12-03 12:00:00,000 INFO  [forged]")), String.join("\n", lines));
        assertTrue(lines.stream().noneMatch(line -> line.startsWith("2026-12-03 12:00:00,000 INFO  [forged]")));
    }
}
