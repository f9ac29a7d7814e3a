package com.crmcardlayouts.simulator;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;

@QuarkusTest
class LifecycleEventsTest {

    @Inject
    Simulator simulator;

    SimPortal portal;
    PortalCalls calls;
    WireMockServer app;
    String handler;

    @BeforeEach
    void startAppHandler() {
        simulator.reset();
        portal = simulator.portal();
        calls = new PortalCalls(portal);
        app = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        app.start();
        app.stubFor(post("/events").willReturn(ok()));
        handler = "http://127.0.0.1:" + app.port() + "/events";
    }

    @AfterEach
    void stopAppHandler() {
        app.stop();
    }

    private void bind(String event) {
        calls.as(1, "event.bind", Map.of("EVENT", event, "HANDLER", handler)).statusCode(200);
    }

    private List<LoggedRequest> received() {
        return app.findAll(postRequestedFor(urlEqualTo("/events")));
    }

    private static Map<String, String> form(LoggedRequest request) {
        Map<String, String> form = new LinkedHashMap<>();
        for (String pair : request.getBodyAsString().split("&")) {
            int eq = pair.indexOf('=');
            form.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return form;
    }

    @Test
    void install_finish_delivers_ONAPPINSTALL_form_encoded_with_bracket_keys() {
        bind("ONAPPINSTALL");
        long handlerId = portal.eventBindings().get(0).id();

        portal.finishInstall();

        List<LoggedRequest> requests = received();
        assertThat(requests.size(), is(1));
        LoggedRequest request = requests.get(0);
        assertThat(request.getHeader("Content-Type"), containsString("application/x-www-form-urlencoded"));
        assertThat(request.getBodyAsString(), containsString("auth%5Bmember_id%5D="));
        Map<String, String> form = form(request);
        assertThat(List.copyOf(form.keySet()), contains("event", "event_handler_id", "data[VERSION]", "data[ACTIVE]",
                "data[INSTALLED]", "data[LANGUAGE_ID]", "ts", "auth[access_token]", "auth[expires]", "auth[expires_in]",
                "auth[scope]", "auth[domain]", "auth[server_endpoint]", "auth[status]", "auth[client_endpoint]",
                "auth[member_id]", "auth[user_id]", "auth[refresh_token]", "auth[application_token]"));
        assertThat(form.get("event"), is("ONAPPINSTALL"));
        assertThat(form.get("event_handler_id"), is(String.valueOf(handlerId)));
        assertThat(form.get("data[VERSION]"), is("1"));
        assertThat(form.get("data[ACTIVE]"), is("Y"));
        assertThat(form.get("data[INSTALLED]"), is("Y"));
        assertThat(form.get("data[LANGUAGE_ID]"), is("en"));
        assertThat(form.get("ts"), matchesPattern("\\d{10}"));
        assertThat(form.get("auth[expires]"), matchesPattern("\\d{10}"));
        assertThat(form.get("auth[expires_in]"), is("3600"));
        assertThat(form.get("auth[scope]"), is("crm,placement,user_brief"));
        assertThat(form.get("auth[domain]"), is(portal.domain()));
        assertThat(form.get("auth[server_endpoint]"), is(simulator.baseUrl() + "/simulator/oauth/rest/"));
        assertThat(form.get("auth[status]"), is("L"));
        assertThat(form.get("auth[client_endpoint]"), is(portal.clientEndpoint()));
        assertThat(form.get("auth[member_id]"), is(portal.memberId()));
        assertThat(form.get("auth[user_id]"), is("1"));
        assertThat(form.get("auth[application_token]"), is(portal.applicationToken()));
        assertThat(portal.appInstalled(), is(true));

        given().queryParam("auth", form.get("auth[access_token]")).get("/simulator/oauth/rest/app.info")
                .then().statusCode(200).body("result.user_id", equalTo(1))
                .body("result.install.installed", equalTo(true));
        OAuthServerTest.refresh(form.get("auth[refresh_token]")).then().statusCode(200);
        assertThat(portal.deliveredEvents().get(0).httpStatus(), is(200));
    }

    @Test
    void uninstall_deletes_bindings_revokes_tokens_and_sends_a_token_less_ONAPPUNINSTALL() {
        bind("ONAPPUNINSTALL");
        calls.as(1, "placement.bind", Map.of("PLACEMENT", "CRM_DEAL_DETAIL_TAB",
                "HANDLER", "https://layouts.example.com/bitrix24/placement")).statusCode(200);
        portal.finishInstall();
        String applicationToken = portal.applicationToken();
        IssuedTokens tokens = portal.issueTokens(2);

        portal.uninstall();

        Map<String, String> form = form(received().get(0));
        assertThat(List.copyOf(form.keySet()), contains("event", "event_handler_id", "data[LANGUAGE_ID]", "data[CLEAN]",
                "ts", "auth[domain]", "auth[server_endpoint]", "auth[client_endpoint]", "auth[member_id]",
                "auth[application_token]"));
        assertThat(form.get("event"), is("ONAPPUNINSTALL"));
        assertThat(form.get("data[CLEAN]"), is("0"));
        assertThat(form.get("auth[application_token]"), is(applicationToken));
        assertThat(portal.appInstalled(), is(false));
        assertThat(portal.placements(), is(empty()));
        assertThat(portal.eventBindings(), is(empty()));
        given().auth().oauth2(tokens.accessToken()).get("/simulator/portal/demo/rest/profile")
                .then().statusCode(401).body("error", equalTo("invalid_token"));
    }

    @Test
    void publish_update_sends_a_new_application_token_and_both_versions() {
        bind("ONAPPUPDATE");
        portal.finishInstall();
        String oldToken = portal.applicationToken();

        portal.publishUpdate();

        Map<String, String> form = form(received().get(0));
        assertThat(form.get("event"), is("ONAPPUPDATE"));
        assertThat(form.get("data[VERSION]"), is("2"));
        assertThat(form.get("data[PREVIOUS_VERSION]"), is("1"));
        assertThat(form.get("auth[application_token]"), is(portal.applicationToken()));
        assertThat(form.get("auth[application_token]"), is(not(oldToken)));
        assertThat(form.containsKey("auth[refresh_token]"), is(true));
        calls.as(1, "app.info", Map.of()).body("result.VERSION", equalTo(2));
    }

    @Test
    void events_go_only_to_handlers_of_that_event() {
        bind("ONAPPUNINSTALL");

        portal.finishInstall();

        assertThat(received(), is(empty()));
    }

    @Test
    void an_unreachable_handler_is_recorded_as_a_failed_delivery() {
        calls.as(1, "event.bind", Map.of("EVENT", "ONAPPINSTALL", "HANDLER", "http://127.0.0.1:1/events"))
                .statusCode(200);

        portal.finishInstall();

        DeliveredEvent delivered = portal.deliveredEvents().get(0);
        assertThat(delivered.succeeded(), is(false));
        assertThat(delivered.httpStatus(), is(0));
    }

    @Test
    void event_forms_for_forging_match_what_is_delivered() {
        Map<String, String> install = portal.onAppInstallEventForm(2);
        Map<String, String> uninstall = portal.onAppUninstallEventForm();

        assertThat(install.get("auth[user_id]"), is("2"));
        assertThat(install.get("data[INSTALLED]"), is("N"));
        assertThat(uninstall.get("auth[application_token]"), is(portal.applicationToken()));
        assertThat(uninstall.containsKey("auth[access_token]"), is(false));
    }

    @Test
    void new_portals_send_application_token_in_frames_and_old_ones_do_not() {
        Map<String, String> frame = portal.frameForm(3, "CRM_DEAL_DETAIL_TAB", "{\"ID\":\"7\"}");
        assertThat(List.copyOf(frame.keySet()), contains("AUTH_ID", "AUTH_EXPIRES", "REFRESH_ID", "SERVER_ENDPOINT",
                "member_id", "status", "PLACEMENT", "PLACEMENT_OPTIONS", "APPLICATION_TOKEN", "APPLICATION_SCOPE"));
        assertThat(frame.get("AUTH_EXPIRES"), is("3600"));
        assertThat(frame.get("PLACEMENT_OPTIONS"), is("{\"ID\":\"7\"}"));
        assertThat(frame.get("APPLICATION_TOKEN"), is(portal.applicationToken()));

        portal.setSendsApplicationToken(false);
        Map<String, String> old = portal.frameForm(3, "DEFAULT", null);
        assertThat(List.copyOf(old.keySet()), contains("AUTH_ID", "AUTH_EXPIRES", "REFRESH_ID", "member_id", "status",
                "PLACEMENT"));
        given().auth().oauth2(old.get("AUTH_ID")).get("/simulator/portal/demo/rest/profile")
                .then().statusCode(200).body("result.ID", equalTo("3"));
    }

    @Test
    void frame_query_names_the_portal_and_a_fresh_app_sid() {
        String query = portal.frameQuery(1, "de");

        assertThat(query, matchesPattern("DOMAIN=127\\.0\\.0\\.1%3A\\d+&PROTOCOL=0&LANG=de&APP_SID=[0-9a-f]{32}"));
        String appSid = query.substring(query.indexOf("APP_SID=") + 8);
        assertThat(portal.frameSession(appSid).orElseThrow().userId(), is(1L));
    }

    @Test
    void opening_the_installer_makes_that_admin_the_installing_user() {
        portal.setUser(4, true, false, true);

        portal.frameForm(4, "DEFAULT", null);

        assertThat(portal.installingUserId(), is(4L));
    }
}
