package com.crmcardlayouts.bitrix24;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class LayoutsTest {

    private static LayoutTarget target(int entityTypeId, Integer categoryId, Integer leadCustomerType) {
        return new LayoutTarget(new EntityType(entityTypeId), categoryId, leadCustomerType);
    }

    @Test
    void a_personal_lead_reset_names_the_user_as_userId_and_the_lead_kind_as_leadCustomerType() {
        Operation<Layouts.Applied> reset = Layouts.reset(LayoutCall.personal(target(1, null, 2), 7));
        assertEquals("crm.item.details.configuration.reset", reset.method);
        assertEquals(Map.of("entityTypeId", 1, "scope", "P", "userId", 7L, "extras", Map.of("leadCustomerType", 2)), reset.params);
    }

    @Test
    void a_deal_funnel_goes_as_dealCategoryId() {
        assertEquals(Map.of("entityTypeId", 2, "scope", "C", "extras", Map.of("dealCategoryId", 5)),
                Layouts.reset(LayoutCall.common(target(2, 5, null))).params);
    }

    @Test
    void a_smart_process_category_goes_as_categoryId() {
        assertEquals(Map.of("entityTypeId", 1032, "extras", Map.of("categoryId", 5)),
                Layouts.forceCommonScopeForAll(target(1032, 5, null)).params);
    }

    @Test
    void smart_invoices_and_documents_take_the_literal_CATEGORY_ID() {
        for (int type : new int[]{31, 36, 39}) {
            assertEquals(Map.of("CATEGORY_ID", 3), Layouts.forceCommonScopeForAll(target(type, 3, null)).params.get("extras"));
        }
    }

    @Test
    void forcing_the_common_layout_sends_no_scope_and_no_user() {
        Operation<Layouts.Applied> force = Layouts.forceCommonScopeForAll(target(3, null, null));
        assertEquals("crm.item.details.configuration.forceCommonScopeForAll", force.method);
        assertEquals(Map.of("entityTypeId", 3), force.params);
    }

    @Test
    void the_four_classic_entities_fall_back_to_their_own_methods_without_entityTypeId() {
        Operation<Layouts.Applied> deal = Layouts.reset(LayoutCall.personal(target(2, 1, null), 4)).perEntityFallback;
        assertEquals("crm.deal.details.configuration.reset", deal.method);
        assertEquals(Map.of("scope", "P", "userId", 4L, "extras", Map.of("dealCategoryId", 1)), deal.params);
        assertEquals("crm.lead.details.configuration.forceCommonScopeForAll",
                Layouts.forceCommonScopeForAll(target(1, null, null)).perEntityFallback.method);
        assertEquals("crm.contact.details.configuration.get", Layouts.get(LayoutCall.common(target(3, null, null))).perEntityFallback.method);
        assertEquals("crm.company.details.configuration.reset", Layouts.reset(LayoutCall.common(target(4, null, null))).perEntityFallback.method);
    }

    @Test
    void quotes_smart_invoices_and_smart_processes_have_no_fallback() {
        assertNull(Layouts.reset(LayoutCall.common(target(7, null, null))).perEntityFallback);
        assertNull(Layouts.forceCommonScopeForAll(target(31, null, null)).perEntityFallback);
        assertNull(Layouts.forceCommonScopeForAll(target(1032, 5, null)).perEntityFallback);
    }

    @Test
    void set_writes_sections_and_fields_as_Bitrix24_reads_them_and_drops_field_labels() {
        CardLayout layout = new CardLayout(List.of(new CardLayout.Section("main", "About", List.of(
                new CardLayout.Element("TITLE", "My label", "1", Map.of()),
                new CardLayout.Element("OPPORTUNITY_WITH_CURRENCY", null, null, Map.of("isPayButtonVisible", "true"))))));
        Operation<Layouts.Applied> set = Layouts.set(LayoutCall.common(target(2, null, null)), layout);
        assertEquals("crm.item.details.configuration.set", set.method);
        assertEquals(List.of(Map.of("name", "main", "title", "About", "type", "section", "elements", List.of(
                        Map.of("name", "TITLE", "optionFlags", "1"),
                        Map.of("name", "OPPORTUNITY_WITH_CURRENCY", "options", Map.of("isPayButtonVisible", "true"))))),
                set.params.get("data"));
    }

    @Test
    void the_rights_probe_reads_someone_elses_personal_layout_and_access_denied_means_no() {
        Operation<Boolean> probe = Layouts.mayChangeOthers(new EntityType(3), 1);
        assertEquals(Map.of("entityTypeId", 3, "scope", "P", "userId", 2), probe.params);
        assertEquals(false, probe.recover(new Bitrix24Exception.AccessDenied("", "Access denied.")));
        assertEquals("crm.deal.details.configuration.get", probe.perEntityFallback.method);
        assertEquals(false, probe.perEntityFallback.recover(new Bitrix24Exception.AccessDenied("", "Access denied.")));
    }
}
