package com.crmcardlayouts.simulator;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

@QuarkusTest
class SimulatorPageTest {

    @Inject
    Simulator simulator;

    SimPortal portal;

    @BeforeEach
    void resetSimulator() {
        simulator.reset();
        portal = simulator.portal();
    }

    private static String hidden(String html, String name) {
        Matcher m = Pattern.compile("name=\"" + Pattern.quote(name) + "\" value=\"([^\"]*)\"").matcher(html);
        return m.find() ? m.group(1) : null;
    }

    private static String appSid(String html, String frameId) {
        Matcher m = Pattern.compile("id=\"" + frameId + "\"[^>]*data-app-sid=\"([0-9a-f]{32})\"").matcher(html);
        return m.find() ? m.group(1) : null;
    }

    @Test
    void home_shows_the_user_picker_and_the_install_button_to_the_admin() {
        given().get("/simulator?as=1").then().statusCode(200)
                .contentType(containsString("text/html"))
                .body(containsString("id=\"user-picker\""))
                .body(containsString("Anna Admin (portal admin)"))
                .body(containsString("Max Manager (CRM settings)"))
                .body(containsString("id=\"install-app\" data-testid=\"install-app\" href=\"/simulator/app\""))
                .body(containsString(portal.memberId()));
    }

    @Test
    void plain_users_cannot_install() {
        given().cookie("sim_user", "3").get("/simulator").then().statusCode(200)
                .body(containsString("Only a portal administrator can install apps."));
        given().cookie("sim_user", "3").get("/simulator/app").then().statusCode(200)
                .body(containsString("id=\"app-not-installed\""));
    }

    @Test
    void the_bare_app_url_leads_a_newcomer_to_the_simulator() {
        given().redirects().follow(false).get("/")
                .then().statusCode(302)
                .header("Location", "/simulator");
    }

    @Test
    void localhost_is_redirected_to_127_0_0_1() {
        given().redirects().follow(false).header("Host", "localhost:18181").get("/simulator/crm/deal/1?as=2")
                .then().statusCode(302)
                .header("Location", "http://127.0.0.1:18181/simulator/crm/deal/1?as=2");
    }

    @Test
    void the_installer_frame_posts_admin_tokens_to_the_apps_install_url() {
        String html = given().cookie("sim_user", "1").get("/simulator/app").then().statusCode(200)
                .body(containsString("id=\"app-frame\""))
                .extract().asString();

        assertThat(html, containsString("action=\"" + simulator.installerUrl() + "?DOMAIN=127.0.0.1%3A"));
        assertThat(hidden(html, "PLACEMENT"), is("DEFAULT"));
        assertThat(hidden(html, "member_id"), is(portal.memberId()));
        assertThat(hidden(html, "APPLICATION_TOKEN"), is(portal.applicationToken()));
        given().queryParam("auth", hidden(html, "AUTH_ID")).get("/simulator/oauth/rest/app.info")
                .then().statusCode(200).body("result.user_id", equalTo(1));
    }

    @Test
    void install_finish_from_the_admins_installer_frame_installs_the_app() {
        String html = given().cookie("sim_user", "1").get("/simulator/app").then().extract().asString();

        given().formParam("APP_SID", appSid(html, "app-frame")).post("/simulator/api/install-finish")
                .then().statusCode(200).body("installed", equalTo(true));

        assertThat(portal.appInstalled(), is(true));
        given().cookie("sim_user", "1").get("/simulator/app").then()
                .body(containsString("action=\"" + simulator.applicationUrl() + "?DOMAIN="));
    }

    @Test
    void install_finish_from_a_plain_users_frame_is_refused() {
        String sid = portal.frameQuery(3, "en").replaceAll(".*APP_SID=", "");

        given().formParam("APP_SID", sid).post("/simulator/api/install-finish").then().statusCode(403);
        assertThat(portal.appInstalled(), is(false));
    }

    @Test
    void a_card_shows_the_apps_tab_with_a_frame_for_the_current_user() {
        String handler = simulator.baseUrl() + "/bitrix24/placement";
        new PortalCalls(portal).as(1, "placement.bind", Map.of("PLACEMENT", "CRM_DEAL_DETAIL_TAB", "HANDLER", handler,
                "TITLE", "Card layouts")).statusCode(200);
        portal.finishInstall();

        String html = given().cookie("sim_user", "3").get("/simulator/crm/deal/1").then().statusCode(200)
                .body(containsString("id=\"card-tab-app\""))
                .body(containsString("id=\"card-tab-frame\""))
                .body(containsString("action=\"" + handler + "?DOMAIN="))
                .extract().asString();

        assertThat(hidden(html, "PLACEMENT"), is("CRM_DEAL_DETAIL_TAB"));
        assertThat(hidden(html, "PLACEMENT_OPTIONS"), is("{&quot;ID&quot;:&quot;1&quot;}"));
        given().queryParam("auth", hidden(html, "AUTH_ID")).get("/simulator/oauth/rest/app.info")
                .then().body("result.user_id", equalTo(3));
    }

    @Test
    void a_card_has_no_app_tab_before_install_finish() {
        new PortalCalls(portal).as(1, "placement.bind", Map.of("PLACEMENT", "CRM_DEAL_DETAIL_TAB",
                "HANDLER", simulator.baseUrl() + "/bitrix24/placement")).statusCode(200);

        given().get("/simulator/crm/deal/1?as=1").then().statusCode(200)
                .body(not(containsString("id=\"card-tab-frame\"")))
                .body(containsString("id=\"no-app-tab\""));
    }

    @Test
    void a_card_tells_where_the_users_layout_comes_from() {
        given().get("/simulator/crm/deal/2?as=3").then()
                .body(containsString("data-testid=\"layout-source\">default<"))
                .body(containsString("deal_details_c_3"));

        portal.seedCommonLayout("deal_details_c_3");
        given().get("/simulator/crm/deal/2?as=3").then()
                .body(containsString("data-testid=\"layout-source\">common<"));

        given().cookie("sim_user", "3").formParam("configId", "deal_details_c_3").formParam("user", "3")
                .formParam("back", "/simulator/crm/deal/2")
                .redirects().follow(false).post("/simulator/actions/seed-personal")
                .then().statusCode(303).header("Location", containsString("/simulator/crm/deal/2"));
        given().get("/simulator/crm/deal/2?as=3").then()
                .body(containsString("data-testid=\"layout-source\">personal<"))
                .body(containsString("My view"));
        given().get("/simulator/crm/deal/2?as=4").then()
                .body(containsString("data-testid=\"layout-source\">common<"));
    }

    @Test
    void tools_flip_the_portal_switches() {
        given().redirects().follow(false).post("/simulator/actions/toggle-rate-limit").then().statusCode(303);
        given().redirects().follow(false).post("/simulator/actions/toggle-old-portal").then().statusCode(303);
        given().redirects().follow(false).formParam("user", "2").post("/simulator/actions/revoke-refresh")
                .then().statusCode(303);

        assertThat(portal.rateLimited(), is(true));
        assertThat(portal.sendsApplicationToken(), is(false));
    }

    @Test
    void switching_user_sets_the_cookie() {
        given().redirects().follow(false).formParam("user", "2").formParam("back", "/simulator/app")
                .post("/simulator/actions/switch-user")
                .then().statusCode(303).cookie("sim_user", "2").header("Location", containsString("/simulator/app"));
    }

    @Test
    void the_bx24_shim_is_served_as_javascript() {
        given().get("/simulator/bx24.js").then().statusCode(200)
                .contentType(containsString("javascript"))
                .body(containsString("window.BX24"))
                .body(containsString("installFinish"));
        given().get("/simulator/assets/simulator.css").then().statusCode(200).contentType(containsString("text/css"));
        given().get("/simulator/assets/simulator.js").then().statusCode(200).body(containsString("bx24-shim"));
    }
}
