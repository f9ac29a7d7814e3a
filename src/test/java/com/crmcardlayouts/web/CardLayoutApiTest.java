package com.crmcardlayouts.web;

import com.crmcardlayouts.portal.PortalRegistry;
import com.crmcardlayouts.simulator.Simulator;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static com.crmcardlayouts.simulator.SimUsers.ADMIN;
import static com.crmcardlayouts.simulator.SimUsers.CRM_MANAGER;
import static com.crmcardlayouts.simulator.SimUsers.PLAIN_USER;
import static com.crmcardlayouts.web.InstalledPortal.forceCommon;
import static com.crmcardlayouts.web.InstalledPortal.reset;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Each action on each kind of card changes exactly the layout Bitrix24 keeps for that card. */
@QuarkusTest
class CardLayoutApiTest {

    @Inject
    Simulator simulator;
    @Inject
    PortalRegistry portals;

    InstalledPortal portal;

    @BeforeEach
    void install() {
        portal = InstalledPortal.install(simulator, portals);
    }

    private boolean personal(String configId, long userId) {
        return portal.sim.editorOption(configId, userId, false).isPresent();
    }

    private boolean common(String configId) {
        return portal.sim.editorOption(configId + "_common", 0, true).isPresent();
    }

    @ParameterizedTest(name = "{0}: resets {2} of user 4 and nothing else")
    @CsvSource(delimiter = '|', value = {
            "simple lead|{\"entityTypeId\":1,\"scope\":\"P\",\"userId\":4,\"leadCustomerType\":1}|lead_details|returning_lead_details",
            "repeat lead|{\"entityTypeId\":1,\"scope\":\"P\",\"userId\":4,\"leadCustomerType\":2}|returning_lead_details|lead_details",
            "main deal funnel|{\"entityTypeId\":2,\"scope\":\"P\",\"userId\":4,\"categoryId\":0}|deal_details|deal_details_c_5",
            "deal funnel 5|{\"entityTypeId\":2,\"scope\":\"P\",\"userId\":4,\"categoryId\":5}|deal_details_c_5|deal_details",
            "contact|{\"entityTypeId\":3,\"scope\":\"P\",\"userId\":4}|contact_details|company_details",
            "company|{\"entityTypeId\":4,\"scope\":\"P\",\"userId\":4}|company_details|contact_details",
            "quote|{\"entityTypeId\":7,\"scope\":\"P\",\"userId\":4}|quote_details|deal_details",
            "smart invoice category 2|{\"entityTypeId\":31,\"scope\":\"P\",\"userId\":4,\"categoryId\":2}|smart_invoice_details_c2|smart_invoice_details",
            "smart process category 5|{\"entityTypeId\":1032,\"scope\":\"P\",\"userId\":4,\"categoryId\":5}|dynamic_1032_details_c5|dynamic_1032_details"})
    void a_crm_manager_resets_exactly_one_colleagues_personal_layout(String card, String body, String reset, String untouched) {
        portal.sim.seedPersonalLayout(reset, 4);
        portal.sim.seedPersonalLayout(untouched, 4);
        portal.sim.seedPersonalLayout(reset, 5);

        reset(portal.session(CRM_MANAGER), body).statusCode(200).body("result", equalTo(true)).body("auditId", greaterThan(0));

        assertFalse(personal(reset, 4), "the chosen layout is gone");
        assertTrue(personal(untouched, 4), "another card's layout stays");
        assertTrue(personal(reset, 5), "another user's layout stays");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "repeat lead|{\"entityTypeId\":1,\"scope\":\"C\",\"leadCustomerType\":2}|returning_lead_details|lead_details",
            "deal funnel 5|{\"entityTypeId\":2,\"scope\":\"C\",\"categoryId\":5}|deal_details_c_5|deal_details",
            "contact|{\"entityTypeId\":3,\"scope\":\"C\"}|contact_details|company_details",
            "smart process category 5|{\"entityTypeId\":1032,\"scope\":\"C\",\"categoryId\":5}|dynamic_1032_details_c5|dynamic_1032_details"})
    void a_portal_admin_resets_exactly_one_common_layout(String card, String body, String reset, String untouched) {
        portal.sim.seedCommonLayout(reset);
        portal.sim.seedCommonLayout(untouched);
        portal.sim.seedPersonalLayout(reset, 4);

        reset(portal.session(ADMIN), body).statusCode(200);

        assertFalse(common(reset));
        assertTrue(common(untouched));
        assertTrue(personal(reset, 4), "personal layouts stay");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "simple lead|{\"entityTypeId\":1,\"leadCustomerType\":1}|lead_details|returning_lead_details",
            "deal funnel 5|{\"entityTypeId\":2,\"categoryId\":5}|deal_details_c_5|deal_details",
            "company|{\"entityTypeId\":4}|company_details|contact_details",
            "smart process category 5|{\"entityTypeId\":1032,\"categoryId\":5}|dynamic_1032_details_c5|dynamic_1032_details"})
    void forcing_the_common_layout_removes_every_personal_layout_of_that_card_only(String card, String body, String forced, String untouched) {
        portal.sim.seedCommonLayout(forced);
        portal.sim.seedPersonalLayout(forced, 3);
        portal.sim.seedPersonalLayout(forced, 4);
        portal.sim.seedPersonalLayout(untouched, 4);

        forceCommon(portal.session(CRM_MANAGER), body).statusCode(200).body("result", equalTo(true));

        assertFalse(personal(forced, 3));
        assertFalse(personal(forced, 4));
        assertTrue(personal(untouched, 4));
        assertTrue(common(forced), "the common layout itself stays");
        assertEquals("common", portal.sim.layoutSource(forced, 4));
    }

    @Test
    void a_plain_user_resets_their_own_layout_without_naming_themselves() {
        portal.sim.seedPersonalLayout("deal_details", PLAIN_USER);
        reset(portal.session(PLAIN_USER), "{\"entityTypeId\":2,\"scope\":\"P\"}").statusCode(200);
        assertFalse(personal("deal_details", PLAIN_USER));
    }

    @Test
    void older_portals_without_crm_item_methods_get_the_per_entity_method() {
        portal.sim.setMethodMissing("crm.item.details.configuration", true);
        portal.sim.seedPersonalLayout("deal_details_c_5", 4);

        reset(portal.session(CRM_MANAGER), "{\"entityTypeId\":2,\"scope\":\"P\",\"userId\":4,\"categoryId\":5}").statusCode(200);

        assertFalse(personal("deal_details_c_5", 4));
        assertEquals(1, portal.sim.restCallCount("crm.deal.details.configuration.reset"));
    }

    @Test
    void older_portals_cannot_change_quotes_and_say_so() {
        portal.sim.setMethodMissing("crm.item.details.configuration", true);
        reset(portal.session(CRM_MANAGER), "{\"entityTypeId\":7,\"scope\":\"C\"}")
                .statusCode(502).body("error", equalTo("BITRIX24_ERROR"))
                .body("message", equalTo("This portal's Bitrix24 version cannot change this type of card layout through apps."));
    }
}
