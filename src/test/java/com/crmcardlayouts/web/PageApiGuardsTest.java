package com.crmcardlayouts.web;

import com.crmcardlayouts.audit.AuditEntry;
import com.crmcardlayouts.settings.Settings;
import com.crmcardlayouts.settings.SettingsStore;
import com.crmcardlayouts.requests.Caller;
import com.crmcardlayouts.portal.Portal;
import com.crmcardlayouts.portal.PortalRegistry;
import com.crmcardlayouts.portal.TokenCipher;
import com.crmcardlayouts.simulator.Simulator;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;

import static com.crmcardlayouts.simulator.SimUsers.ADMIN;
import static com.crmcardlayouts.simulator.SimUsers.CRM_MANAGER;
import static com.crmcardlayouts.simulator.SimUsers.PLAIN_USER;
import static com.crmcardlayouts.web.InstalledPortal.forceCommon;
import static com.crmcardlayouts.web.InstalledPortal.reset;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Who may do what, bad input, sessions, revoked tokens, and the journal of every attempt. */
@QuarkusTest
class PageApiGuardsTest {

    private static final String OTHERS_DEAL = "{\"entityTypeId\":2,\"scope\":\"P\",\"userId\":4}";
    private static final String OWN_DEAL = "{\"entityTypeId\":2,\"scope\":\"P\"}";

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
        portal.sim.seedPersonalLayout("deal_details", 4);
    }

    private long bitrix24Calls() {
        return portal.sim.restCallCount("crm.item.details.configuration.reset")
                + portal.sim.restCallCount("crm.item.details.configuration.forcecommonscopeforall");
    }

    /** The portal's row as stored now (detached: changing it changes nothing). */
    private Portal stored() {
        return portals.find(portal.portalId).orElseThrow();
    }

    private AuditEntry lastEntry() {
        return QuarkusTransaction.requiringNew().call(() ->
                AuditEntry.<AuditEntry>find("portalId = ?1 order by id desc", portal.portalId).firstResult());
    }

    @Test
    void a_portal_admin_may_reset_anyones_layout() {
        resetsUser4sDealLayout(ADMIN);
    }

    @Test
    void a_crm_settings_manager_who_is_no_portal_admin_may_reset_anyones_layout() {
        resetsUser4sDealLayout(CRM_MANAGER);
    }

    private void resetsUser4sDealLayout(long actor) {
        String session = portal.session(actor);
        int before = portal.sim.restCallCount("crm.item.details.configuration.reset");

        int auditId = reset(session, OTHERS_DEAL).statusCode(200).extract().path("auditId");

        assertFalse(portal.sim.editorOption("deal_details", 4, false).isPresent(), "user 4's deal layout is gone");
        assertEquals(before + 1, portal.sim.restCallCount("crm.item.details.configuration.reset"));
        AuditEntry entry = lastEntry();
        assertEquals(auditId, entry.id.intValue());
        assertEquals(actor, entry.actorUserId);
        assertEquals(4L, entry.targetUserId);
        assertEquals("SUCCESS", entry.outcome);
    }

    @Test
    void bitrix24_refuses_a_plain_user_resetting_someone_else_and_the_app_names_the_missing_right() {
        reset(portal.session(PLAIN_USER), OTHERS_DEAL).statusCode(403)
                .body("error", equalTo("FORBIDDEN"))
                .body("message", containsString("Allow to change settings"));
        assertTrue(portal.sim.editorOption("deal_details", 4, false).isPresent());
        assertEquals("FORBIDDEN", lastEntry().outcome);
    }

    @Test
    void bitrix24_refuses_a_plain_user_forcing_the_common_layout() {
        forceCommon(portal.session(PLAIN_USER), "{\"entityTypeId\":2}").statusCode(403).body("error", equalTo("FORBIDDEN"));
    }

    @Test
    void settings_that_forbid_own_resets_stop_plain_users_before_bitrix24_is_asked() {
        String session = portal.session(PLAIN_USER);
        settings.save(portal.portalId, ADMIN, new Settings(Settings.DEFAULTS.tabs(), true, false));

        reset(session, OWN_DEAL).statusCode(403).body("message", containsString("does not allow resetting your own layout"));

        assertEquals(0, bitrix24Calls());
        AuditEntry entry = lastEntry();
        assertEquals("FORBIDDEN", entry.outcome);
        assertTrue(entry.detail.startsWith("OWN_RESET_NOT_ALLOWED"));
    }

    @Test
    void settings_that_keep_users_out_do_not_stop_crm_managers() {
        settings.save(portal.portalId, ADMIN, new Settings(Settings.DEFAULTS.tabs(), false, false));
        resetsUser4sDealLayout(CRM_MANAGER);
    }

    @Test
    void settings_never_widen_what_bitrix24_allows() {
        settings.save(portal.portalId, ADMIN, new Settings(Settings.DEFAULTS.tabs(), true, true));
        reset(portal.session(PLAIN_USER), OTHERS_DEAL).statusCode(403);
    }

    @Test
    void invalid_input_is_explained_and_nothing_reaches_bitrix24() {
        String session = portal.session(CRM_MANAGER);
        reset(session, "{\"entityTypeId\":\"2\",\"scope\":\"P\"}").statusCode(400)
                .body("error", equalTo("INVALID_INPUT"))
                .body("message", equalTo("The field \"entityTypeId\" must be a whole number (without quotes)."));
        reset(session, "{\"entityTypeId\":2,\"scope\":\"c\"}").statusCode(400);
        reset(session, "{\"entityTypeId\":2,\"scope\":\"C\",\"userId\":4}").statusCode(400);
        reset(session, "{\"entityTypeId\":1032,\"scope\":\"C\"}").statusCode(400);
        reset(session, "{\"entityTypeId\":3,\"scope\":\"C\",\"categoryId\":1}").statusCode(400);
        reset(session, "{\"entityTypeId\":2,\"scope\":\"P\",\"extra\":1}").statusCode(400);
        forceCommon(session, "{\"entityTypeId\":2,\"scope\":\"C\"}").statusCode(400);
        assertEquals(0, bitrix24Calls());
    }

    @Test
    void a_body_over_64_kib_is_refused_as_too_large() {
        String big = "{\"entityTypeId\":2,\"scope\":\"P\",\"pad\":\"" + "x".repeat(70 * 1024) + "\"}";
        reset(portal.session(CRM_MANAGER), big).statusCode(413).body("error", equalTo("PAYLOAD_TOO_LARGE"));
    }

    @Test
    void errors_come_in_the_language_of_the_session() {
        String session = InstalledPortal.sessionOf(portal.tab(CRM_MANAGER, "CRM_DEAL_DETAIL_TAB", null, "ru"));
        reset(session, "{\"entityTypeId\":2,\"scope\":\"X\"}").statusCode(400)
                .body("message", equalTo("«scope» должно быть ровно «P» (личный макет) или «C» (общий макет)."));
    }

    @Test
    void a_missing_session_is_unauthorized() {
        given().contentType(ContentType.JSON).body(OWN_DEAL).post("/api/card-layouts/reset").then()
                .statusCode(401).body("error", equalTo("UNAUTHORIZED"))
                .header("X-Frame-Options", "DENY")
                .header("Content-Security-Policy", "frame-ancestors 'none'")
                .header("Cache-Control", "no-store");
    }

    @Test
    void an_altered_session_is_unauthorized() {
        String session = portal.session(PLAIN_USER);
        int signature = session.indexOf('.') + 1;
        String forged = session.substring(0, signature) + (session.charAt(signature) == 'A' ? 'B' : 'A') + session.substring(signature + 1);
        reset(forged, OWN_DEAL).statusCode(401);
        assertEquals(0, bitrix24Calls());
    }

    @Test
    void an_expired_session_is_unauthorized() {
        Clock anHourAgo = Clock.offset(Clock.system(ZoneOffset.UTC), Duration.ofMinutes(-61));
        String expired = new AppSessions(cipher.deriveKey("app-session"), anHourAgo)
                .issue(new Caller(portal.portalId, PLAIN_USER, false, false), stored(), "en");
        reset(expired, OWN_DEAL).statusCode(401);
    }

    @Test
    void a_session_naming_another_portal_is_unauthorized() {
        Portal another = stored();
        another.memberId = "0000another0portal0member0id0000";
        String foreign = new AppSessions(cipher.deriveKey("app-session"), Clock.systemUTC())
                .issue(new Caller(portal.portalId, CRM_MANAGER, true, true), another, "en");
        reset(foreign, OTHERS_DEAL).statusCode(401);
    }

    @Test
    void a_session_of_another_deployment_is_unauthorized() {
        String foreign = new AppSessions("another-deployment-key-32-bytes!".getBytes(), Clock.systemUTC())
                .issue(new Caller(portal.portalId, CRM_MANAGER, true, true), stored(), "en");
        reset(foreign, OTHERS_DEAL).statusCode(401);
    }

    @Test
    void a_user_whose_refresh_token_was_revoked_must_open_the_app_again() {
        String session = portal.session(PLAIN_USER);
        portal.sim.revokeRefreshTokens(PLAIN_USER);
        portal.sim.expireAllAccessTokens();

        reset(session, OWN_DEAL).statusCode(409).body("error", equalTo("NEEDS_REAUTH"))
                .body("message", containsString("Open the app again"));
        assertEquals("NEEDS_REAUTH", lastEntry().outcome);
    }

    @Test
    void an_uninstalled_portal_answers_not_installed() {
        String session = portal.session(CRM_MANAGER);
        portals.uninstall(portal.portalId, portals.find(portal.portalId).orElseThrow().installedAt);
        reset(session, OTHERS_DEAL).statusCode(409).body("error", equalTo("NOT_INSTALLED"));
    }

    @Test
    void bitrix24_rate_limiting_is_answered_with_503() {
        String session = portal.session(CRM_MANAGER);
        portal.sim.setOperationTimeLimited(true);
        reset(session, OTHERS_DEAL).statusCode(503).body("error", equalTo("RATE_LIMITED"));
    }

    @Test
    void a_portal_that_keeps_answering_query_limit_exceeded_is_answered_with_503_after_backing_off() {
        String session = portal.session(CRM_MANAGER);
        portal.sim.setRateLimited(true);
        int before = portal.sim.restCallCount("crm.item.details.configuration.reset");

        reset(session, OTHERS_DEAL).statusCode(503).body("error", equalTo("RATE_LIMITED"));

        assertTrue(portal.sim.restCallCount("crm.item.details.configuration.reset") - before >= 3, "it backed off and tried again");
        assertEquals("RATE_LIMITED", lastEntry().outcome);
    }

    @Test
    void a_portal_failing_with_5xx_is_tried_three_times_then_answered_with_502() {
        String session = portal.session(CRM_MANAGER);
        int before = portal.sim.restCallCount("crm.item.details.configuration.reset");
        portal.sim.failNextCalls(3, 500, "INTERNAL_SERVER_ERROR");

        reset(session, OTHERS_DEAL).statusCode(502).body("error", equalTo("BITRIX24_ERROR"));

        assertEquals(3, portal.sim.restCallCount("crm.item.details.configuration.reset") - before, "one call and two retries");
        assertEquals("BITRIX24_ERROR", lastEntry().outcome);
    }

    @Test
    void every_success_is_journaled_with_who_what_and_which_layout() {
        int auditId = reset(portal.session(CRM_MANAGER), "{\"entityTypeId\":2,\"scope\":\"P\",\"userId\":4,\"categoryId\":5}")
                .statusCode(200).extract().path("auditId");
        AuditEntry entry = lastEntry();
        assertEquals(auditId, entry.id.intValue());
        assertEquals(CRM_MANAGER, entry.actorUserId);
        assertEquals("RESET_PERSONAL", entry.action);
        assertEquals(2, entry.entityTypeId);
        assertEquals(5, entry.categoryId);
        assertEquals("P", entry.scope);
        assertEquals(4L, entry.targetUserId);
        assertEquals("SUCCESS", entry.outcome);
    }
}
