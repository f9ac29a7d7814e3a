package com.crmcardlayouts.cardlayouts;

import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LayoutCallTest {

    private static LayoutRequest reset(int entityTypeId, Integer categoryId, Integer leadCustomerType, Long userId) {
        LayoutAction action = userId == null ? LayoutAction.RESET_COMMON : LayoutAction.RESET_PERSONAL;
        return new LayoutRequest(action, new LayoutTarget(new EntityType(entityTypeId), categoryId, leadCustomerType), userId);
    }

    private static LayoutRequest force(int entityTypeId, Integer categoryId) {
        return new LayoutRequest(LayoutAction.FORCE_COMMON, new LayoutTarget(new EntityType(entityTypeId), categoryId, null), null);
    }

    @Test
    void a_personal_lead_reset_names_the_user_as_userId_and_the_lead_kind_as_leadCustomerType() {
        LayoutCall call = LayoutCall.of(reset(1, null, 2, 7L));
        assertEquals("crm.item.details.configuration.reset", call.method());
        assertEquals(Map.of("entityTypeId", 1, "scope", "P", "userId", 7L, "extras", Map.of("leadCustomerType", 2)), call.params());
    }

    @Test
    void a_deal_funnel_goes_as_dealCategoryId() {
        assertEquals(Map.of("entityTypeId", 2, "scope", "C", "extras", Map.of("dealCategoryId", 5)),
                LayoutCall.of(reset(2, 5, null, null)).params());
    }

    @Test
    void a_smart_process_category_goes_as_categoryId() {
        assertEquals(Map.of("entityTypeId", 1032, "extras", Map.of("categoryId", 5)), LayoutCall.of(force(1032, 5)).params());
    }

    @Test
    void smart_invoices_and_documents_take_the_literal_CATEGORY_ID() {
        for (int type : new int[]{31, 36, 39}) {
            assertEquals(Map.of("CATEGORY_ID", 3), LayoutCall.of(force(type, 3)).params().get("extras"));
        }
    }

    @Test
    void forcing_the_common_layout_sends_no_scope_and_no_user() {
        LayoutCall call = LayoutCall.of(force(3, null));
        assertEquals("crm.item.details.configuration.forceCommonScopeForAll", call.method());
        assertEquals(Map.of("entityTypeId", 3), call.params());
    }

    @Test
    void the_four_classic_entities_fall_back_to_their_own_methods_without_entityTypeId() {
        assertEquals(Optional.of(new LayoutCall("crm.deal.details.configuration.reset",
                        Map.of("scope", "P", "userId", 4L, "extras", Map.of("dealCategoryId", 1)))),
                LayoutCall.fallback(reset(2, 1, null, 4L)));
        assertEquals("crm.lead.details.configuration.forceCommonScopeForAll", LayoutCall.fallback(force(1, null)).orElseThrow().method());
        assertEquals("crm.contact.details.configuration.reset", LayoutCall.fallback(reset(3, null, null, null)).orElseThrow().method());
        assertEquals("crm.company.details.configuration.reset", LayoutCall.fallback(reset(4, null, null, null)).orElseThrow().method());
    }

    @Test
    void quotes_smart_invoices_and_smart_processes_have_no_fallback() {
        assertTrue(LayoutCall.fallback(reset(7, null, null, null)).isEmpty());
        assertTrue(LayoutCall.fallback(force(31, null)).isEmpty());
        assertTrue(LayoutCall.fallback(force(1032, 5)).isEmpty());
    }
}
