package com.crmcardlayouts.cardlayouts;

import com.crmcardlayouts.requests.JsonInput;
import com.crmcardlayouts.requests.Refusal;
import com.crmcardlayouts.requests.Refused;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class LayoutRequestReaderTest {

    private static byte[] json(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static Refused refusedReset(String body) {
        return assertThrows(Refused.class, () -> LayoutRequestReader.reset(json(body)));
    }

    private static Refused refusedForce(String body) {
        return assertThrows(Refused.class, () -> LayoutRequestReader.forceCommon(json(body)));
    }

    @Test
    void reads_a_personal_reset_of_another_users_repeat_lead_layout() {
        LayoutRequest request = LayoutRequestReader.reset(json("{\"entityTypeId\":1,\"scope\":\"P\",\"userId\":7,\"leadCustomerType\":2}"));
        assertEquals(LayoutAction.RESET_PERSONAL, request.action());
        assertEquals(7L, request.targetUserId());
        assertEquals(2, request.target().leadCustomerType());
    }

    @Test
    void a_personal_reset_without_user_id_means_the_caller() {
        LayoutRequest request = LayoutRequestReader.reset(json("{\"entityTypeId\":3,\"scope\":\"P\"}"));
        assertNull(request.targetUserId());
        assertEquals(9L, request.forCaller(9).targetUserId());
    }

    @Test
    void reads_a_common_reset_of_a_deal_funnel() {
        LayoutRequest request = LayoutRequestReader.reset(json("{\"entityTypeId\":2,\"scope\":\"C\",\"categoryId\":0}"));
        assertEquals(LayoutAction.RESET_COMMON, request.action());
        assertEquals(0, request.target().categoryId());
    }

    @Test
    void reads_forcing_the_common_layout_of_a_smart_process_category() {
        LayoutRequest request = LayoutRequestReader.forceCommon(json("{\"entityTypeId\":1032,\"categoryId\":5}"));
        assertEquals(LayoutAction.FORCE_COMMON, request.action());
        assertEquals(1032, request.target().entityType().id());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "[]", "null", "42", "\"text\"", "{", "{\"entityTypeId\":1,\"scope\":\"P\"} {}"})
    void refuses_a_body_that_is_not_one_json_object(String body) {
        assertEquals(Refusal.BODY_NOT_JSON_OBJECT, refusedReset(body).refusal());
    }

    @Test
    void refuses_duplicate_keys() {
        assertEquals(Refusal.BODY_NOT_JSON_OBJECT, refusedReset("{\"entityTypeId\":1,\"entityTypeId\":2,\"scope\":\"P\"}").refusal());
    }

    @Test
    void refuses_a_body_over_64_kib_before_parsing_it() {
        String padding = " ".repeat(JsonInput.MAX_BODY_BYTES);
        assertEquals(Refusal.BODY_TOO_LARGE, refusedReset("{\"entityTypeId\":1,\"scope\":\"P\"}" + padding).refusal());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"entityTypeId\":1,\"scope\":\"P\",\"userId\":null}                | FIELD_NOT_INTEGER | userId",
            "{\"entityTypeId\":1,\"scope\":\"P\",\"leadCustomerType\":null}      | FIELD_NOT_INTEGER | leadCustomerType",
            "{\"entityTypeId\":2,\"scope\":\"C\",\"categoryId\":null}            | FIELD_NOT_INTEGER | categoryId",
            "{\"entityTypeId\":null,\"scope\":\"C\"}                               | FIELD_NOT_INTEGER | entityTypeId",
            "{\"entityTypeId\":2,\"scope\":null}                                   | SCOPE_INVALID     | scope"})
    void refuses_null_for_any_field_because_null_is_no_value_of_its_type(String body, Refusal refusal, String field) {
        Refused refused = refusedReset(body);
        assertEquals(refusal, refused.refusal());
        assertEquals(field, refused.field());
    }

    @Test
    void refuses_null_scope_or_user_when_forcing_the_common_layout() {
        assertEquals(Refusal.FIELD_NOT_FOR_ACTION, refusedForce("{\"entityTypeId\":2,\"userId\":null}").refusal());
        assertEquals(Refusal.FIELD_NOT_INTEGER, refusedForce("{\"entityTypeId\":2,\"categoryId\":null}").refusal());
    }

    @Test
    void refuses_unknown_fields_and_names_them() {
        Refused refused = refusedReset("{\"entityTypeId\":1,\"scope\":\"P\",\"USER_ID\":7}");
        assertEquals(Refusal.FIELD_UNKNOWN, refused.refusal());
        assertEquals("USER_ID", refused.field());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"entityTypeId\":\"1\",\"scope\":\"P\"}|entityTypeId",
            "{\"entityTypeId\":1.0,\"scope\":\"P\"}|entityTypeId",
            "{\"entityTypeId\":true,\"scope\":\"P\"}|entityTypeId",
            "{\"entityTypeId\":1,\"scope\":\"P\",\"userId\":\"7\"}|userId",
            "{\"entityTypeId\":2,\"scope\":\"C\",\"categoryId\":\"5\"}|categoryId",
            "{\"entityTypeId\":1,\"scope\":\"C\",\"leadCustomerType\":[2]}|leadCustomerType"})
    void refuses_numbers_in_any_other_json_type(String body, String field) {
        Refused refused = refusedReset(body);
        assertEquals(Refusal.FIELD_NOT_INTEGER, refused.refusal());
        assertEquals(field, refused.field());
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"p\"", "\"c\"", "\"X\"", "\"\"", "\"CUSTOM\"", "1"})
    void refuses_every_scope_but_exactly_P_or_C(String scope) {
        assertEquals(Refusal.SCOPE_INVALID, refusedReset("{\"entityTypeId\":1,\"scope\":" + scope + "}").refusal());
    }

    @Test
    void a_reset_needs_a_scope() {
        assertEquals(Refusal.FIELD_MISSING, refusedReset("{\"entityTypeId\":1}").refusal());
    }

    @Test
    void a_reset_needs_an_entity_type() {
        Refused refused = refusedReset("{\"scope\":\"P\"}");
        assertEquals(Refusal.FIELD_MISSING, refused.refusal());
        assertEquals("entityTypeId", refused.field());
    }

    @Test
    void user_id_goes_only_with_the_personal_scope() {
        assertEquals(Refusal.USER_ID_WITHOUT_PERSONAL_SCOPE, refusedReset("{\"entityTypeId\":1,\"scope\":\"C\",\"userId\":7}").refusal());
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -3})
    void user_id_must_be_positive(int userId) {
        assertEquals(Refusal.USER_ID_NOT_POSITIVE, refusedReset("{\"entityTypeId\":1,\"scope\":\"P\",\"userId\":" + userId + "}").refusal());
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 5, 6, 8, 14, 33, 42, 127, 192, 255, 1031, 1033, 999})
    void refuses_entity_types_bitrix24_has_no_card_layout_for(int entityTypeId) {
        assertEquals(Refusal.ENTITY_TYPE_UNSUPPORTED, refusedReset("{\"entityTypeId\":" + entityTypeId + ",\"scope\":\"P\"}").refusal());
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4, 7, 31, 36, 39})
    void accepts_every_static_type_with_a_card(int entityTypeId) {
        assertEquals(entityTypeId, LayoutRequestReader.reset(json("{\"entityTypeId\":" + entityTypeId + ",\"scope\":\"C\"}"))
                .target().entityType().id());
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 3, -1})
    void lead_customer_type_is_1_or_2(int type) {
        assertEquals(Refusal.LEAD_CUSTOMER_TYPE_INVALID,
                refusedReset("{\"entityTypeId\":1,\"scope\":\"P\",\"leadCustomerType\":" + type + "}").refusal());
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 3, 4, 7, 31, 1032})
    void lead_customer_type_is_for_leads_only(int entityTypeId) {
        assertEquals(Refusal.FIELD_NOT_FOR_ENTITY,
                refusedReset("{\"entityTypeId\":" + entityTypeId + ",\"scope\":\"C\",\"categoryId\":1,\"leadCustomerType\":1}").refusal());
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 3, 4, 7})
    void category_is_refused_for_leads_contacts_companies_and_quotes(int entityTypeId) {
        Refused refused = refusedReset("{\"entityTypeId\":" + entityTypeId + ",\"scope\":\"C\",\"categoryId\":1}");
        assertEquals(Refusal.FIELD_NOT_FOR_ENTITY, refused.refusal());
        assertEquals("categoryId", refused.field());
    }

    @Test
    void category_must_not_be_negative() {
        assertEquals(Refusal.CATEGORY_OUT_OF_RANGE, refusedReset("{\"entityTypeId\":2,\"scope\":\"C\",\"categoryId\":-1}").refusal());
    }

    @ParameterizedTest
    @ValueSource(ints = {128, 191, 1030, 1032})
    void smart_processes_require_a_category(int entityTypeId) {
        assertEquals(Refusal.CATEGORY_REQUIRED, refusedReset("{\"entityTypeId\":" + entityTypeId + ",\"scope\":\"C\"}").refusal());
        assertEquals(Refusal.CATEGORY_REQUIRED, refusedForce("{\"entityTypeId\":" + entityTypeId + "}").refusal());
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"entityTypeId\":2,\"scope\":\"C\"}", "{\"entityTypeId\":2,\"userId\":7}"})
    void force_common_takes_neither_scope_nor_user_id(String body) {
        assertEquals(Refusal.FIELD_NOT_FOR_ACTION, refusedForce(body).refusal());
    }
}
