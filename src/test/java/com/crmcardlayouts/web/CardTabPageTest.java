package com.crmcardlayouts.web;

import com.crmcardlayouts.settings.Settings;
import com.crmcardlayouts.settings.SettingsStore;
import com.crmcardlayouts.bitrix24.CardType;
import com.crmcardlayouts.bitrix24.CrmEntity;
import com.crmcardlayouts.portal.Portal;
import com.crmcardlayouts.portal.PortalRegistry;
import com.crmcardlayouts.simulator.RequestLog;
import com.crmcardlayouts.simulator.SimPortal;
import com.crmcardlayouts.simulator.Simulator;
import com.crmcardlayouts.testing.Db;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static com.crmcardlayouts.simulator.SimUsers.ADMIN;
import static com.crmcardlayouts.simulator.SimUsers.CRM_MANAGER;
import static com.crmcardlayouts.simulator.SimUsers.PLAIN_USER;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static io.restassured.RestAssured.given;

/** What the card tab shows whom, and when it is not shown. */
@QuarkusTest
class CardTabPageTest {

    @Inject
    Simulator simulator;
    @Inject
    PortalRegistry portals;
    @Inject
    SettingsStore settings;
    @Inject
    EntityManager em;

    InstalledPortal portal;

    @BeforeEach
    void install() {
        portal = InstalledPortal.install(simulator, portals);
    }

    @Test
    void a_plain_user_sees_only_resetting_their_own_layout() {
        portal.tab(PLAIN_USER, "CRM_CONTACT_DETAIL_TAB", "{\"ID\":\"3\"}", "en").then().statusCode(200)
                .header("Content-Security-Policy", containsString("frame-ancestors 'self' http://" + portal.sim.domain()))
                .body(containsString("data-action=\"reset-own\""))
                .body(not(containsString("data-action=\"reset-common\"")))
                .body(not(containsString("data-action=\"force-common\"")));
    }

    @Test
    void a_crm_settings_manager_also_sees_the_actions_on_others_and_the_common_layout() {
        portal.tab(CRM_MANAGER, "CRM_CONTACT_DETAIL_TAB", null, "en").then().statusCode(200)
                .body(containsString("data-action=\"reset-user\""))
                .body(containsString("data-action=\"reset-common\""))
                .body(containsString("data-action=\"force-common\""))
                .body(containsString("Paula Plain (#3)"));
    }

    @Test
    void a_lead_tab_lets_the_user_choose_simple_or_repeat_lead() {
        portal.tab(ADMIN, "CRM_LEAD_DETAIL_TAB", null, "en").then().statusCode(200)
                .body(containsString("name=\"leadCustomerType\" value=\"2\""));
    }

    @Test
    void a_deal_tab_shows_the_funnel_bitrix24_names_for_the_open_deal() {
        portal.tab(ADMIN, "CRM_DEAL_DETAIL_TAB", "{\"ID\":\"2\"}", "en").then().statusCode(200)
                .body(containsString("data-testid=\"card-category\""))
                .body(containsString("value=\"3\""));
    }

    @Test
    void a_deal_tab_asks_for_the_funnel_when_bitrix24_does_not_tell_it() {
        portal.tab(ADMIN, "CRM_DEAL_DETAIL_TAB", "{\"ID\":\"999\"}", "en").then().statusCode(200)
                .body(containsString("id=\"category\""))
                .body(not(containsString("data-testid=\"card-category\"")));
    }

    @Test
    void a_plain_user_on_a_contact_costs_one_oauth_and_one_portal_request() {
        RequestLog.Mark mark = portal.sim.requestLog().mark();
        portal.tab(PLAIN_USER, "CRM_CONTACT_DETAIL_TAB", "{\"ID\":\"1\"}", "en").then().statusCode(200);
        assertTwoRoundTrips(mark);
    }

    @Test
    void an_admin_on_a_deal_costs_one_oauth_and_one_portal_request() {
        RequestLog.Mark mark = portal.sim.requestLog().mark();
        portal.tab(ADMIN, "CRM_DEAL_DETAIL_TAB", "{\"ID\":\"2\"}", "en").then().statusCode(200)
                .body(containsString("Paula Plain (#3)"));
        assertTwoRoundTrips(mark);
    }

    @Test
    void a_crm_settings_manager_on_a_smart_process_costs_one_oauth_and_one_portal_request() {
        showTabsOn(CardType.of(CrmEntity.DEAL), new CardType(1032));
        RequestLog.Mark mark = portal.sim.requestLog().mark();
        portal.tab(CRM_MANAGER, "CRM_DYNAMIC_1032_DETAIL_TAB", "{\"ID\":\"1\"}", "en").then().statusCode(200)
                .body(containsString("data-action=\"reset-common\""))
                .body(containsString("value=\"5\""));
        assertTwoRoundTrips(mark);
    }

    /** app.info at the OAuth server, then one batch with everything else. */
    private void assertTwoRoundTrips(RequestLog.Mark mark) {
        List<RequestLog.Entry> requests = portal.sim.requestLog().since(mark);
        assertEquals(List.of("OAUTH app.info", "PORTAL batch"),
                requests.stream().map(r -> r.kind() + " " + r.method()).toList(), requests.toString());
    }

    @Test
    void a_smart_process_tab_requires_its_category() {
        showTabsOn(CardType.of(CrmEntity.DEAL), new CardType(1032));
        portal.tab(ADMIN, "CRM_DYNAMIC_1032_DETAIL_TAB", "{\"ID\":\"1\"}", "en").then().statusCode(200)
                .body(containsString("Smart process 1032"))
                .body(containsString(" required>"));
    }

    @Test
    void a_smart_process_tab_is_switched_off_until_the_settings_choose_it() {
        portal.tab(ADMIN, "CRM_DYNAMIC_1032_DETAIL_TAB", "{\"ID\":\"1\"}", "en").then().statusCode(403)
                .body(containsString("data-reason=\"tab_disabled\""));
    }

    private void showTabsOn(CardType... cards) {
        settings.save(portal.portalId, ADMIN, new Settings(List.of(cards), true, true));
    }

    @Test
    void the_tab_speaks_russian_when_bitrix24_says_LANG_ru() {
        portal.tab(PLAIN_USER, "CRM_DEAL_DETAIL_TAB", null, "ru").then().statusCode(200)
                .body(containsString("<html lang=\"ru\">"))
                .body(containsString("Сбросить мой макет"));
    }

    @Test
    void a_tab_switched_off_in_the_settings_answers_403() {
        settings.save(portal.portalId, ADMIN, new Settings(List.of(CardType.of(CrmEntity.LEAD)), true, true));
        portal.tab(ADMIN, "CRM_DEAL_DETAIL_TAB", null, "en").then().statusCode(403)
                .body(containsString("data-reason=\"tab_disabled\""));
    }

    @Test
    void users_kept_out_by_the_settings_get_a_friendly_explanation_and_a_session_that_changes_nothing() {
        settings.save(portal.portalId, ADMIN, new Settings(Settings.DEFAULTS.tabs(), false, true));
        Response page = portal.tab(PLAIN_USER, "CRM_DEAL_DETAIL_TAB", null, "en");
        assertEquals(200, page.statusCode());
        page.then().body(containsString("data-testid=\"tab-unavailable\""));
        InstalledPortal.reset(InstalledPortal.sessionOf(page), "{\"entityTypeId\":2,\"scope\":\"P\"}")
                .statusCode(403).body("error", equalTo("FORBIDDEN"));
    }

    @Test
    void a_plain_user_without_own_resets_is_told_there_is_nothing_to_change() {
        settings.save(portal.portalId, ADMIN, new Settings(Settings.DEFAULTS.tabs(), true, false));
        portal.tab(PLAIN_USER, "CRM_DEAL_DETAIL_TAB", null, "en").then().statusCode(200)
                .body(containsString("data-testid=\"nothing-allowed\""));
    }

    @Test
    void placement_options_are_never_echoed_raw() {
        portal.tab(ADMIN, "CRM_DEAL_DETAIL_TAB", "{\"ID\":\"<script>alert(1)</script>\"}", "en").then().statusCode(200)
                .body(not(containsString("<script>alert(1)")));
    }

    @Test
    void names_from_bitrix24_are_escaped() {
        portal.sim.renameUser(PLAIN_USER, "<script>alert('paula')</script>", "<b>Plain</b>");
        portal.tab(CRM_MANAGER, "CRM_DEAL_DETAIL_TAB", null, "en").then().statusCode(200)
                .body(containsString("&lt;script&gt;alert(&#39;paula&#39;)&lt;/script&gt; &lt;b&gt;Plain&lt;/b&gt;"))
                .body(not(containsString("<script>alert('paula')")))
                .body(not(containsString("<b>Plain</b>")));
    }

    @Test
    void a_placement_that_is_no_card_tab_is_refused() {
        portal.tab(ADMIN, "CRM_DYNAMIC_1033_DETAIL_TAB", null, "en").then().statusCode(400);
    }

    @Test
    void a_renamed_portal_is_followed_to_the_address_the_oauth_server_names() {
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                        "update portal set domain = 'old-name.bitrix24.com', client_endpoint = 'https://old-name.bitrix24.com/rest/' where id = ?1")
                .setParameter(1, portal.portalId).executeUpdate());

        portal.tab(PLAIN_USER, "CRM_DEAL_DETAIL_TAB", null, "en").then().statusCode(200)
                .header("Content-Security-Policy", containsString("frame-ancestors 'self' http://" + portal.sim.domain()))
                .header("Content-Security-Policy", not(containsString("old-name")));

        Portal stored = Db.portal(portal.sim.memberId());
        assertEquals(portal.sim.domain(), stored.domain);
        assertEquals(portal.sim.clientEndpoint(), stored.clientEndpoint);
    }

    @Test
    void a_placement_with_a_forged_token_is_unauthenticated_whatever_it_names() {
        Map<String, String> form = new HashMap<>(portal.sim.frameForm(ADMIN, "DEFAULT", null));
        form.put("AUTH_ID", "forged-token");
        given().contentType(ContentType.URLENC.withCharset("UTF-8")).formParams(form).post("/bitrix24/placement")
                .then().statusCode(401).body(containsString("data-reason=\"not_authenticated\""));
    }

    @Test
    void a_never_installed_portal_gets_the_not_installed_page() {
        SimPortal stranger = simulator.createPortal();
        InstalledPortal.frame(stranger, ADMIN, "CRM_DEAL_DETAIL_TAB", null, "en", "/bitrix24/placement").then().statusCode(409)
                .body(containsString("data-reason=\"not_installed\""));
        assertFalse(Db.hasPortal(stranger.memberId()), "a tab never registers a portal");
    }

    @Test
    void a_tab_sending_another_application_token_is_refused() {
        Map<String, String> form = new HashMap<>(portal.sim.frameForm(PLAIN_USER, "CRM_DEAL_DETAIL_TAB", null));
        form.put("APPLICATION_TOKEN", "not-this-portals-application-token");
        given().contentType(ContentType.URLENC.withCharset("UTF-8")).formParams(form).post("/bitrix24/placement")
                .then().statusCode(403).body(containsString("data-reason=\"application_token_mismatch\""));
    }

    @Test
    void an_uninstalled_portal_gets_the_not_installed_page() {
        portals.uninstall(portal.portalId, portals.find(portal.portalId).orElseThrow().installedAt);
        portal.tab(ADMIN, "CRM_DEAL_DETAIL_TAB", null, "en").then().statusCode(409)
                .body(containsString("data-reason=\"not_installed\""));
    }
}
