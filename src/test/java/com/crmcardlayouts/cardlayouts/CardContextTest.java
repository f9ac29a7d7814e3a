package com.crmcardlayouts.cardlayouts;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CardContextTest {

    @Test
    void reads_the_entity_from_the_placement_and_the_item_from_the_options() {
        CardContext card = CardContext.of("CRM_DEAL_DETAIL_TAB", "{\"ID\":\"8061\",\"URI\":\"\\/crm\\/deal\\/details\\/8061\\/\"}").orElseThrow();
        assertEquals(2, card.entityType().id());
        assertEquals(Optional.of(8061L), card.itemId());
    }

    @Test
    void reads_a_smart_process_from_its_dynamic_placement_code() {
        assertEquals(1032, CardContext.of("CRM_DYNAMIC_1032_DETAIL_TAB", null).orElseThrow().entityType().id());
        assertEquals(31, CardContext.of("CRM_SMART_INVOICE_DETAIL_TAB", null).orElseThrow().entityType().id());
    }

    @ParameterizedTest
    @ValueSource(strings = {"DEFAULT", "CRM_DYNAMIC_1033_DETAIL_TAB", "CRM_DYNAMIC_x_DETAIL_TAB", "CRM_ORDER_DETAIL_TAB", ""})
    void other_placements_are_not_card_tabs(String placement) {
        assertTrue(CardContext.of(placement, null).isEmpty());
    }

    @ParameterizedTest
    @ValueSource(strings = {"undefined", "[]", "{\"ID\":\"abc\"}", "{\"ID\":-4}", "{\"ID\":\"0\"}", "{\"ID\":{\"x\":1}}", "{\"id\":\"5\"}", "{"})
    void odd_placement_options_mean_no_item(String options) {
        assertTrue(CardContext.itemId(options).isEmpty());
    }

    @Test
    void a_numeric_id_is_read_too() {
        assertEquals(Optional.of(42L), CardContext.itemId("{\"ID\":42}"));
    }
}
