package com.crmcardlayouts.simulator;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

@QuarkusTest
class BatchTest {

    @Inject
    Simulator simulator;

    PortalCalls calls;

    @BeforeEach
    void resetSimulator() {
        simulator.reset();
        calls = new PortalCalls(simulator.portal());
    }

    @Test
    void results_and_errors_are_keyed_by_command() {
        Map<String, Object> cmd = new LinkedHashMap<>();
        cmd.put("admin", "user.admin");
        cmd.put("foreign", "crm.item.details.configuration.get?entityTypeId=2&userId=4");
        calls.as(3, "batch", Map.of("cmd", cmd)).statusCode(200)
                .body("result.result.admin", equalTo(false))
                .body("result.result_error.foreign.error", equalTo(""))
                .body("result.result_error.foreign.error_description", equalTo("Access denied."))
                .body("result.result_total", equalTo(List.of()))
                .body("result.result_next", equalTo(List.of()))
                .body("result.result_time.admin.start", notNullValue())
                .body("time.start", notNullValue());
    }

    @Test
    void form_encoded_halt_false_still_halts() {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("halt", "false");
        form.put("cmd[a]", "user.admin");
        form.put("cmd[b]", "no.such.method");
        form.put("cmd[c]", "profile");
        calls.form(3, "batch", form).statusCode(200)
                .body("result.result", hasKey("a"))
                .body("result.result_error.b.error", equalTo("ERROR_METHOD_NOT_FOUND"))
                .body("result.result", not(hasKey("c")));
    }

    @Test
    void json_halt_false_runs_every_command() {
        Map<String, Object> cmd = new LinkedHashMap<>();
        cmd.put("a", "no.such.method");
        cmd.put("b", "profile");
        calls.as(3, "batch", Map.of("halt", false, "cmd", cmd)).statusCode(200)
                .body("result.result.b.ID", equalTo("3"))
                .body("result.result_error.a.error", equalTo("ERROR_METHOD_NOT_FOUND"));
    }

    @Test
    void batch_may_not_nest() {
        calls.as(1, "batch", Map.of("cmd", Map.of("inner", "batch?cmd[x]=profile"))).statusCode(200)
                .body("result.result_error.inner.error", equalTo("ERROR_BATCH_METHOD_NOT_ALLOWED"))
                .body("result.result_error.inner.error_description", equalTo("Method is not allowed for batch usage"));
    }

    @Test
    void commands_after_the_fiftieth_are_refused() {
        List<String> cmd = new ArrayList<>();
        for (int i = 0; i < 51; i++) {
            cmd.add("user.admin");
        }
        calls.as(1, "batch", Map.of("cmd", cmd)).statusCode(200)
                .body("result.result.size()", equalTo(50))
                .body("result.result_error.'50'.error", equalTo("ERROR_BATCH_LENGTH_EXCEEDED"))
                .body("result.result_error.'50'.error_description", equalTo("Max batch length exceeded"));
    }

    @Test
    void later_commands_can_use_earlier_results() {
        Map<String, Object> cmd = new LinkedHashMap<>();
        cmd.put("me", "user.current");
        cmd.put("again", "user.get?ID=$result[me][ID]");
        calls.as(2, "batch", Map.of("cmd", cmd)).statusCode(200)
                .body("result.result.again[0].NAME", equalTo("Max"))
                .body("result.result_total.again", equalTo(1));
    }

    @Test
    void sub_calls_need_the_methods_scope() {
        simulator.portal().setAppScope("placement");

        calls.as(1, "batch", Map.of("cmd", Map.of("c", "crm.item.details.configuration.get?entityTypeId=2")))
                .statusCode(200).body("result.result_error.c.error", equalTo("insufficient_scope"));
    }
}
