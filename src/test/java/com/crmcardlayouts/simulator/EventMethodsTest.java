package com.crmcardlayouts.simulator;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;

@QuarkusTest
class EventMethodsTest extends FreshPortalTest {

    static final String HANDLER = "https://layouts.example.com/bitrix24/events";

    @Test
    void bind_then_get_shows_the_handler() {
        calls.as(1, "event.bind", Map.of("event", "onAppUninstall", "handler", HANDLER))
                .statusCode(200).body("result", equalTo(true));

        calls.as(1, "event.get", Map.of()).statusCode(200)
                .body("result[0].event", equalTo("ONAPPUNINSTALL"))
                .body("result[0].handler", equalTo(HANDLER))
                .body("result[0].auth_type", equalTo("0"))
                .body("result[0].offline", equalTo(0));
    }

    @Test
    void binding_the_same_handler_twice_is_ERROR_CORE() {
        calls.as(1, "event.bind", Map.of("EVENT", "ONAPPINSTALL", "HANDLER", HANDLER)).statusCode(200);

        calls.as(1, "event.bind", Map.of("EVENT", "ONAPPINSTALL", "HANDLER", HANDLER)).statusCode(400)
                .body("error", equalTo("ERROR_CORE"))
                .body("error_description", equalTo("Unable to set event handler: Handler already binded"));
    }

    @Test
    void unknown_events_are_not_found() {
        calls.as(1, "event.bind", Map.of("EVENT", "ONSOMETHINGELSE", "HANDLER", HANDLER)).statusCode(400)
                .body("error", equalTo("ERROR_EVENT_NOT_FOUND"))
                .body("error_description", equalTo("Event not found"));
    }

    @Test
    void argument_errors() {
        calls.as(1, "event.bind", Map.of("HANDLER", HANDLER)).statusCode(400)
                .body("error", equalTo("ERROR_ARGUMENT"))
                .body("error_description", equalTo("Argument 'EVENT' is null or empty"));
        calls.as(1, "event.bind", Map.of("EVENT", "ONAPPINSTALL", "HANDLER", HANDLER, "EVENT_TYPE", "sometimes"))
                .statusCode(400).body("error_description", equalTo("Value must be one of {online|offline}"))
                .body("argument", equalTo("EVENT_TYPE"));
        calls.as(1, "event.bind", Map.of("EVENT", "ONAPPINSTALL")).statusCode(400)
                .body("error_description", equalTo("Argument 'HANDLER' is null or empty"));
        calls.as(1, "event.bind", Map.of("EVENT", "ONAPPINSTALL", "HANDLER", "http://localhost/x")).statusCode(400)
                .body("error", equalTo("ERROR_WRONG_HANDLER_URL"));
    }

    @Test
    void a_non_admin_binds_only_for_themselves() {
        calls.as(3, "event.bind", Map.of("EVENT", "ONCRMDEALADD", "HANDLER", HANDLER, "AUTH_TYPE", 4)).statusCode(403)
                .body("error", equalTo("ACCESS_DENIED"))
                .body("error_description",
                        equalTo("Access denied! Event binding with AUTH_TYPE requires administrator access rights"));
        calls.as(3, "event.bind", Map.of("EVENT", "ONCRMDEALADD", "HANDLER", HANDLER)).statusCode(200);
        calls.as(1, "event.bind", Map.of("EVENT", "ONCRMLEADADD", "HANDLER", HANDLER)).statusCode(200);

        assertThat(portal.eventBindings().get(0).userId(), is(3L));
        calls.as(3, "event.get", Map.of()).body("result.size()", equalTo(1))
                .body("result[0].auth_type", equalTo("3"));
        calls.as(1, "event.get", Map.of()).body("result.size()", equalTo(2));
    }

    @Test
    void offline_events_need_an_admin() {
        calls.as(3, "event.bind", Map.of("EVENT", "ONCRMDEALADD", "EVENT_TYPE", "offline")).statusCode(403)
                .body("error_description",
                        equalTo("Access denied! Offline events binding requires administrator access rights"));
        calls.as(1, "event.bind", Map.of("EVENT", "ONCRMDEALADD", "EVENT_TYPE", "offline")).statusCode(200);

        calls.as(1, "event.get", Map.of()).body("result[0].offline", equalTo(1))
                .body("result[0].connector_id", equalTo(""));
    }

    @Test
    void unbind_returns_the_number_deleted() {
        calls.as(1, "event.bind", Map.of("EVENT", "ONAPPUPDATE", "HANDLER", HANDLER)).statusCode(200);

        calls.as(1, "event.unbind", Map.of("EVENT", "ONAPPUPDATE", "HANDLER", HANDLER)).statusCode(200)
                .body("result.count", equalTo(1));
        calls.as(1, "event.unbind", Map.of("EVENT", "ONAPPUPDATE", "HANDLER", HANDLER)).statusCode(200)
                .body("result.count", equalTo(0));
    }

    @Test
    void webhooks_may_not_bind_events() {
        String hook = portal.createWebhook(1, "crm");

        given().formParam("EVENT", "ONAPPINSTALL").formParam("HANDLER", HANDLER)
                .post("/simulator/portal/demo/rest/1/" + hook + "/event.bind")
                .then().statusCode(403).body("error", equalTo("WRONG_AUTH_TYPE"))
                .body("error_description", equalTo("Current authorization type is denied for this method"));
    }
}
