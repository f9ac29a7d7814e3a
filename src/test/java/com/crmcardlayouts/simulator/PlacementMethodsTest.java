package com.crmcardlayouts.simulator;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;

@QuarkusTest
class PlacementMethodsTest extends FreshPortalTest {

    static final String HANDLER = "https://layouts.example.com/bitrix24/placement";

    @Test
    void bind_stores_the_handler_and_get_lists_it() {
        calls.as(1, "placement.bind", Map.of("PLACEMENT", "crm_deal_detail_tab", "HANDLER", HANDLER,
                "TITLE", "Layouts", "OPTIONS", Map.of("x", "y"))).statusCode(200).body("result", equalTo(true));

        calls.as(1, "placement.get", Map.of()).statusCode(200)
                .body("result[0].id", equalTo(1))
                .body("result[0].placement", equalTo("CRM_DEAL_DETAIL_TAB"))
                .body("result[0].userId", equalTo(0))
                .body("result[0].handler", equalTo(HANDLER))
                .body("result[0].options", equalTo(List.of()))
                .body("result[0].title", equalTo("Layouts"))
                .body("result[0].description", equalTo(""))
                .body("result[0].langAll.en.TITLE", equalTo("Layouts"));
        assertThat(portal.placements().size(), is(1));
    }

    @Test
    void keys_are_case_insensitive() {
        calls.as(1, "placement.bind", Map.of("placement", "CRM_LEAD_DETAIL_TAB", "handler", HANDLER))
                .statusCode(200).body("result", equalTo(true));
    }

    @Test
    void without_title_the_app_name_goes_into_langAll() {
        calls.as(1, "placement.bind", Map.of("PLACEMENT", "CRM_LEAD_DETAIL_TAB", "HANDLER", HANDLER)).statusCode(200);

        calls.as(1, "placement.get", Map.of())
                .body("result[0].title", equalTo(""))
                .body("result[0].langAll.en.TITLE", equalTo(SimPortal.APP_NAME));
    }

    @Test
    void binding_the_same_handler_twice_is_ERROR_CORE() {
        Map<String, String> bind = Map.of("PLACEMENT", "CRM_CONTACT_DETAIL_TAB", "HANDLER", HANDLER);
        calls.as(1, "placement.bind", bind).statusCode(200);

        calls.as(1, "placement.bind", bind).statusCode(400)
                .body("error", equalTo("ERROR_CORE"))
                .body("error_description", equalTo("Unable to set placement handler: Handler already binded"));
    }

    @Test
    void a_localhost_handler_is_a_wrong_handler_url() {
        calls.as(1, "placement.bind", Map.of("PLACEMENT", "CRM_DEAL_DETAIL_TAB",
                "HANDLER", "http://localhost:8080/bitrix24/placement")).statusCode(400)
                .body("error", equalTo("ERROR_WRONG_HANDLER_URL"))
                .body("error_description", equalTo("Wrong handler URL"));
    }

    @Test
    void a_non_http_handler_is_an_unsupported_protocol() {
        calls.as(1, "placement.bind", Map.of("PLACEMENT", "CRM_DEAL_DETAIL_TAB", "HANDLER", "ftp://files.example.com/x"))
                .statusCode(400).body("error", equalTo("ERROR_UNSUPPORTED_PROTOCOL"));
    }

    @Test
    void placement_must_be_a_non_empty_string() {
        calls.as(1, "placement.bind", Map.of("HANDLER", HANDLER)).statusCode(400)
                .body("error", equalTo("ERROR_ARGUMENT"))
                .body("error_description", equalTo("The value of an argument 'PLACEMENT' must be of type string"))
                .body("argument", equalTo("PLACEMENT"));
        calls.as(1, "placement.bind", Map.of("PLACEMENT", "", "HANDLER", HANDLER)).statusCode(400)
                .body("error_description", equalTo("Argument 'The placement code is not specified' is null or empty"))
                .body("argument", equalTo("The placement code is not specified"));
        calls.as(1, "placement.bind", Map.of("PLACEMENT", "CRM_DEAL_DETAIL_TAB")).statusCode(400)
                .body("error_description",
                        equalTo("Argument 'The URL of the placement handler is not specified' is null or empty"));
    }

    @Test
    void unknown_codes_and_crm_codes_without_crm_scope_are_not_found() {
        calls.as(1, "placement.bind", Map.of("PLACEMENT", "CRM_SPACESHIP_DETAIL_TAB", "HANDLER", HANDLER))
                .statusCode(400).body("error", equalTo("ERROR_PLACEMENT_NOT_FOUND"))
                .body("error_description", equalTo("Placement not found"));
        portal.setAppScope("placement");
        calls.as(1, "placement.bind", Map.of("PLACEMENT", "CRM_DEAL_DETAIL_TAB", "HANDLER", HANDLER))
                .statusCode(400).body("error", equalTo("ERROR_PLACEMENT_NOT_FOUND"));
    }

    @Test
    void smart_process_tab_is_available() {
        calls.as(1, "placement.bind", Map.of("PLACEMENT", "CRM_DYNAMIC_1032_DETAIL_TAB", "HANDLER", HANDLER))
                .statusCode(200);
        calls.as(1, "placement.list", Map.of()).statusCode(200).body("result", hasItem("CRM_DYNAMIC_1032_DETAIL_TAB"));
    }

    @Test
    void the_tab_of_a_smart_process_the_portal_lacks_is_not_found() {
        calls.as(1, "placement.bind", Map.of("PLACEMENT", "CRM_DYNAMIC_9998_DETAIL_TAB", "HANDLER", HANDLER))
                .statusCode(400).body("error", equalTo("ERROR_PLACEMENT_NOT_FOUND"));
    }

    @Test
    void crm_tabs_have_no_user_mode() {
        calls.as(1, "placement.bind", Map.of("PLACEMENT", "CRM_DEAL_DETAIL_TAB", "HANDLER", HANDLER, "USER_ID", 3))
                .statusCode(400).body("error", equalTo("ERROR_PLACEMENT_USER_MODE"));
    }

    @Test
    void rest_app_uri_may_be_bound_once() {
        calls.as(1, "placement.bind", Map.of("PLACEMENT", "REST_APP_URI", "HANDLER", HANDLER)).statusCode(200);

        calls.as(1, "placement.bind", Map.of("PLACEMENT", "REST_APP_URI", "HANDLER", HANDLER + "2")).statusCode(400)
                .body("error", equalTo("ERROR_PLACEMENT_MAX_COUNT"))
                .body("error_description", equalTo("Placement max count: 1"));
    }

    @Test
    void only_portal_admins_may_bind() {
        calls.as(2, "placement.bind", Map.of("PLACEMENT", "CRM_DEAL_DETAIL_TAB", "HANDLER", HANDLER)).statusCode(403)
                .body("error", equalTo("ACCESS_DENIED"))
                .body("error_description", equalTo("Access denied!"));
    }

    @Test
    void webhooks_may_not_use_placements() {
        String hook = portal.createWebhook(1, "crm,placement");

        given().formParam("PLACEMENT", "CRM_DEAL_DETAIL_TAB").formParam("HANDLER", HANDLER)
                .post("/simulator/portal/demo/rest/1/" + hook + "/placement.bind")
                .then().statusCode(403).body("error", equalTo("WRONG_AUTH_TYPE"))
                .body("error_description",
                        equalTo("Current authorization type is denied for this method Application context required"));
    }

    @Test
    void unbind_counts_each_deleted_handler_twice() {
        calls.as(1, "placement.bind", Map.of("PLACEMENT", "CRM_DEAL_DETAIL_TAB", "HANDLER", HANDLER)).statusCode(200);
        calls.as(1, "placement.bind", Map.of("PLACEMENT", "CRM_DEAL_DETAIL_TAB", "HANDLER", HANDLER + "?v=2")).statusCode(200);
        calls.as(1, "placement.bind", Map.of("PLACEMENT", "CRM_LEAD_DETAIL_TAB", "HANDLER", HANDLER)).statusCode(200);

        calls.as(1, "placement.unbind", Map.of("PLACEMENT", "CRM_DEAL_DETAIL_TAB")).statusCode(200)
                .body("result.count", equalTo(4));
        calls.as(1, "placement.unbind", Map.of("PLACEMENT", "CRM_QUOTE_DETAIL_TAB")).statusCode(200)
                .body("result.count", equalTo(0));
        assertThat(portal.placements().size(), is(1));
    }

    @Test
    void unbind_needs_a_placement() {
        calls.as(1, "placement.unbind", Map.of("PLACEMENT", "")).statusCode(400)
                .body("error", equalTo("ERROR_ARGUMENT"))
                .body("error_description", equalTo("Argument 'PLACEMENT' is null or empty"));
    }
}
