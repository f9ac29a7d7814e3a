package com.crmcardlayouts.simulator;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

@QuarkusTest
class CrmTypeMethodsTest extends FreshPortalTest {

    @Test
    void a_crm_administrator_gets_the_smart_processes_under_types_with_a_total() {
        calls.as(1, "crm.type.list", Map.of()).statusCode(200)
                .body("result.types", hasSize(1))
                .body("result.types[0].id", equalTo(1))
                .body("result.types[0].entityTypeId", equalTo(SimPortal.SMART_PROCESS_ID))
                .body("result.types[0].title", equalTo(SimPortal.SMART_PROCESS_TITLE))
                .body("result.types[0].isCategoriesEnabled", equalTo("Y"))
                .body("total", equalTo(1))
                .body("next", nullValue());
    }

    @Test
    void a_page_past_the_end_is_empty() {
        calls.as(1, "crm.type.list", Map.of("start", 50)).statusCode(200)
                .body("result.types", hasSize(0))
                .body("total", equalTo(1));
    }

    @Test
    void a_user_without_crm_settings_rights_is_denied() {
        calls.as(3, "crm.type.list", Map.of()).statusCode(400)
                .body("error", equalTo("ACCESS_DENIED"))
                .body("error_description", equalTo("Access denied"));
    }

    @Test
    void without_the_crm_scope_the_method_is_refused() {
        portal.setAppScope("placement,user_brief");
        calls.as(1, "crm.type.list", Map.of()).statusCode(403).body("error", equalTo("insufficient_scope"));
    }
}
