package com.crmcardlayouts.simulator;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

@QuarkusTest
class AppAndUserMethodsTest extends FreshPortalTest {

    @Test
    void app_info_describes_the_app_on_this_portal() {
        calls.as(3, "app.info", Map.of()).statusCode(200)
                .body("result.ID", equalTo(5))
                .body("result.CODE", equalTo("local.simulator.app"))
                .body("result.VERSION", equalTo(1))
                .body("result.STATUS", equalTo("L"))
                .body("result.INSTALLED", equalTo(false))
                .body("result.PAYMENT_EXPIRED", equalTo("N"))
                .body("result.LANGUAGE_ID", equalTo("en"));
        portal.finishInstall();
        calls.as(3, "app.info", Map.of()).body("result.INSTALLED", equalTo(true));
    }

    @Test
    void profile_and_user_admin_report_the_portal_admin_flag_only() {
        calls.as(1, "profile", Map.of()).statusCode(200)
                .body("result.ID", equalTo("1")).body("result.ADMIN", equalTo(true))
                .body("result.NAME", equalTo("Anna")).body("result.LAST_NAME", equalTo("Admin"));
        calls.as(2, "profile", Map.of()).body("result.ADMIN", equalTo(false));
        calls.as(2, "user.admin", Map.of()).body("result", equalTo(false));
        calls.as(1, "user.admin", Map.of()).body("result", equalTo(true));
    }

    @Test
    void user_current_is_the_caller() {
        calls.as(3, "user.current", Map.of()).statusCode(200)
                .body("result.ID", equalTo("3")).body("result.ACTIVE", equalTo(true))
                .body("result.NAME", equalTo("Paula")).body("result.SECOND_NAME", equalTo(""));
    }

    @Test
    void user_get_filters_by_top_level_keys_or_FILTER() {
        calls.as(1, "user.get", Map.of("ID", 2)).statusCode(200)
                .body("result.size()", equalTo(1)).body("result[0].LAST_NAME", equalTo("Manager"))
                .body("total", equalTo(1));
        calls.as(1, "user.get", Map.of("FILTER", Map.of("@ID", List.of(1, 3)))).statusCode(200)
                .body("result.ID", equalTo(List.of("1", "3"))).body("total", equalTo(2));
        calls.as(1, "user.get", Map.of()).body("total", equalTo(5)).body("$", not(hasKey("next")));
    }

    @Test
    void user_get_without_match_has_no_total() {
        calls.as(1, "user.get", Map.of("ID", 99)).statusCode(200)
                .body("result", equalTo(List.of())).body("$", not(hasKey("total")));
    }

    @Test
    void user_get_needs_a_user_scope() {
        portal.setAppScope("crm,placement");

        calls.as(1, "user.get", Map.of()).statusCode(403).body("error", equalTo("insufficient_scope"));
    }

    @Test
    void app_options_merge_and_read_back() {
        calls.as(1, "app.option.set", Map.of("options", Map.of("mode", "strict", "limit", 5))).statusCode(200)
                .body("result", equalTo(true));
        calls.as(1, "app.option.set", Map.of("options", Map.of("mode", "loose"))).statusCode(200);

        calls.as(3, "app.option.get", Map.of("option", "mode")).body("result", equalTo("loose"));
        calls.as(3, "app.option.get", Map.of("option", "missing")).body("result", nullValue());
        calls.as(3, "app.option.get", Map.of()).body("result.limit", equalTo(5));
    }

    @Test
    void app_option_set_needs_an_admin_and_options() {
        calls.as(2, "app.option.set", Map.of("options", Map.of("a", "b"))).statusCode(403)
                .body("error", equalTo("ACCESS_DENIED"))
                .body("error_description", equalTo("Access denied! Administrator authorization required"));
        calls.as(1, "app.option.set", Map.of()).statusCode(400)
                .body("error", equalTo("ERROR_ARGUMENT"))
                .body("error_description", equalTo("Argument 'options' is null or empty"))
                .body("argument", equalTo("options"));
    }

    @Test
    void app_option_set_without_options_key_takes_all_parameters() {
        calls.as(1, "app.option.set", Map.of("color", "blue")).statusCode(200);

        calls.as(1, "app.option.get", Map.of("option", "color")).body("result", equalTo("blue"));
    }
}
