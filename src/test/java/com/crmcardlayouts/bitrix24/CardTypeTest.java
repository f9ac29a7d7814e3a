package com.crmcardlayouts.bitrix24;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CardTypeTest {

    @Test
    void a_fixed_card_is_keyed_by_its_entity_name_and_uses_its_entitys_placement() {
        CardType deal = CardType.of(CrmEntity.DEAL);
        assertEquals("DEAL", deal.key());
        assertEquals("CRM_DEAL_DETAIL_TAB", deal.placement());
        assertFalse(deal.isSmartProcess());
        assertEquals(Optional.of(deal), CardType.ofKey("DEAL"));
        assertEquals(Optional.of(deal), CardType.ofPlacement("CRM_DEAL_DETAIL_TAB"));
    }

    @Test
    void a_smart_process_is_keyed_DYNAMIC_and_uses_the_dynamic_placement() {
        CardType projects = new CardType(1032);
        assertEquals("DYNAMIC_1032", projects.key());
        assertEquals("CRM_DYNAMIC_1032_DETAIL_TAB", projects.placement());
        assertTrue(projects.isSmartProcess());
        assertEquals(Optional.of(projects), CardType.ofKey("DYNAMIC_1032"));
        assertEquals(Optional.of(projects), CardType.ofPlacement("CRM_DYNAMIC_1032_DETAIL_TAB"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"DYNAMIC_1033", "DYNAMIC_127", "DYNAMIC_1", "DYNAMIC_01032", "DYNAMIC_99999999999", "dynamic_1032",
            "ORDER", "", "CRM_DEAL_DETAIL_TAB"})
    void keys_that_name_no_card_are_read_as_none(String key) {
        assertEquals(Optional.empty(), CardType.ofKey(key));
    }

    @Test
    void smart_documents_have_no_tab_of_their_own() {
        assertEquals(Optional.empty(), CardType.ofEntityTypeId(36));
        assertThrows(IllegalArgumentException.class, () -> new CardType(36));
    }
}
