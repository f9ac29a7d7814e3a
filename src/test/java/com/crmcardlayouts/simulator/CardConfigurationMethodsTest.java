package com.crmcardlayouts.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static com.crmcardlayouts.simulator.SimUsers.ADMIN;
import static com.crmcardlayouts.simulator.SimUsers.CRM_MANAGER;
import static com.crmcardlayouts.simulator.SimUsers.PLAIN_USER;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

@QuarkusTest
class CardConfigurationMethodsTest extends FreshPortalTest {

    static final long OSCAR_PLAIN = 4;

    static final String SET = "crm.item.details.configuration.set";
    static final String GET = "crm.item.details.configuration.get";

    static List<Map<String, Object>> oneSection(String title) {
        return List.of(Map.of("name", "main", "title", title, "type", "section",
                "elements", List.of(Map.of("name", "TITLE"), Map.of("name", "OPPORTUNITY"))));
    }

    static void assertCrmError(io.restassured.response.ValidatableResponse response, String message) {
        response.statusCode(400).body("error", equalTo("")).body("error_description", equalTo(message))
                .body("$", not(hasKey("time")));
    }

    @Test
    void a_plain_user_may_set_their_own_personal_layout() {
        calls.as(PLAIN_USER, SET, Map.of("entityTypeId", 2, "data", oneSection("Mine")))
                .statusCode(200).body("result", equalTo(true)).body("time.start", not(nullValue()));

        assertThat(portal.editorOption("deal_details", PLAIN_USER, false).isPresent(), is(true));
    }

    @Test
    void a_plain_user_may_not_set_another_users_layout() {
        assertCrmError(calls.as(PLAIN_USER, SET,
                Map.of("entityTypeId", 2, "userId", OSCAR_PLAIN, "data", oneSection("Theirs"))), "Access denied.");
        assertThat(portal.editorOption("deal_details", OSCAR_PLAIN, false).isPresent(), is(false));
    }

    @Test
    void crm_settings_role_may_set_the_common_layout_while_user_admin_says_false() {
        calls.as(CRM_MANAGER, SET, Map.of("entityTypeId", 2, "scope", "C", "data", oneSection("Team")))
                .statusCode(200).body("result", equalTo(true));
        calls.as(CRM_MANAGER, "user.admin", Map.of()).statusCode(200).body("result", equalTo(false));

        assertThat(portal.editorOption("deal_details_common", 0, true).isPresent(), is(true));
    }

    @Test
    void a_plain_user_may_not_set_the_common_layout() {
        assertCrmError(calls.as(PLAIN_USER, SET, Map.of("entityTypeId", 2, "scope", "C", "data", oneSection("Team"))),
                "Access denied.");
    }

    @Test
    void any_scope_other_than_exactly_C_means_personal() {
        calls.as(PLAIN_USER, SET, Map.of("entityTypeId", 1, "data", oneSection("Personal"))).statusCode(200);

        calls.as(PLAIN_USER, GET, Map.of("entityTypeId", 1, "scope", "common"))
                .statusCode(200).body("result[0].title", equalTo("Personal"));
        calls.as(PLAIN_USER, GET, Map.of("entityTypeId", 1, "scope", "c"))
                .statusCode(200).body("result[0].title", equalTo("Personal"));
    }

    @Test
    void dotted_lead_customer_type_is_ignored() {
        calls.as(ADMIN, SET, Map.of("entityTypeId", 1, "extras", Map.of("lead.customer.type", 2),
                "data", oneSection("Simple lead"))).statusCode(200);

        assertThat(portal.editorOption("lead_details", ADMIN, false).isPresent(), is(true));
        assertThat(portal.editorOption("returning_lead_details", ADMIN, false).isPresent(), is(false));
        calls.as(ADMIN, GET, Map.of("entityTypeId", 1, "extras", Map.of("lead.customer.type", 2)))
                .body("result[0].title", equalTo("Simple lead"));
    }

    @Test
    void lead_customer_type_2_addresses_the_returning_lead_form() {
        calls.as(ADMIN, SET, Map.of("entityTypeId", 1, "extras", Map.of("leadCustomerType", 2),
                "data", oneSection("Repeat"))).statusCode(200);

        assertThat(portal.editorOption("returning_lead_details", ADMIN, false).isPresent(), is(true));
    }

    @Test
    void smart_process_without_category_is_stored_without_suffix_and_invisible_to_category_5() {
        calls.as(ADMIN, SET, Map.of("entityTypeId", 1032, "data", oneSection("SPA"))).statusCode(200);

        assertThat(portal.editorOption("dynamic_1032_details", ADMIN, false).isPresent(), is(true));
        calls.as(ADMIN, GET, Map.of("entityTypeId", 1032, "extras", Map.of("categoryId", 5)))
                .statusCode(200).body("result", nullValue());
    }

    @Test
    void smart_process_category_goes_into_the_config_id_without_underscore() {
        calls.as(ADMIN, SET, Map.of("entityTypeId", 1032, "extras", Map.of("categoryId", 5),
                "data", oneSection("Cat 5"))).statusCode(200);

        assertThat(portal.editorOption("dynamic_1032_details_c5", ADMIN, false).isPresent(), is(true));
    }

    @Test
    void deal_category_needs_dealCategoryId_and_ignores_categoryId() {
        calls.as(ADMIN, SET, Map.of("entityTypeId", 2, "extras", Map.of("dealCategoryId", 3),
                "data", oneSection("Funnel 3"))).statusCode(200);
        calls.as(ADMIN, SET, Map.of("entityTypeId", 2, "extras", Map.of("categoryId", 4),
                "data", oneSection("Funnel 0"))).statusCode(200);

        assertThat(portal.editorOption("deal_details_c_3", ADMIN, false).isPresent(), is(true));
        assertThat(portal.editorOption("deal_details", ADMIN, false).isPresent(), is(true));
        assertThat(portal.editorOption("deal_details_c_4", ADMIN, false).isPresent(), is(false));
    }

    @Test
    void set_then_get_drops_element_titles_and_unknown_keys() {
        Map<String, Object> element = Map.of("name", "CLIENT", "title", "Customer", "optionFlags", 1,
                "options", Map.of("defaultCountry", "DE"), "color", "red");
        Map<String, Object> section = Map.of("name", "main", "title", "About", "extra", "x",
                "elements", List.of(element, Map.of("name", "TITLE", "optionFlags", "not-a-number")));
        calls.as(ADMIN, SET, Map.of("entityTypeId", 2, "data", List.of(section))).statusCode(200);

        calls.as(ADMIN, GET, Map.of("entityTypeId", 2)).statusCode(200)
                .body("result[0]", equalTo(Map.of("type", "section", "name", "main", "title", "About",
                        "elements", List.of(
                                Map.of("name", "CLIENT", "optionFlags", 1, "options", Map.of("defaultCountry", "DE")),
                                Map.of("name", "TITLE")))));
        JsonNode stored = portal.editorOption("deal_details", ADMIN, false).orElseThrow();
        assertThat(stored.get(0).get("type").asText(), is("column"));
        assertThat(stored.get(0).get("name").asText(), is("default_column"));
    }

    @Test
    void set_accepts_the_column_wrapper() {
        List<Map<String, Object>> wrapped = List.of(Map.of("name", "default_column", "type", "column",
                "elements", oneSection("Wrapped")));
        calls.as(ADMIN, SET, Map.of("entityTypeId", 3, "data", wrapped)).statusCode(200);

        calls.as(ADMIN, GET, Map.of("entityTypeId", 3)).body("result[0].title", equalTo("Wrapped"));
    }

    @Test
    void set_replaces_instead_of_merging() {
        calls.as(ADMIN, SET, Map.of("entityTypeId", 2, "data", oneSection("First"))).statusCode(200);
        calls.as(ADMIN, SET, Map.of("entityTypeId", 2, "data", List.of(
                Map.of("name", "other", "title", "Second")))).statusCode(200);

        calls.as(ADMIN, GET, Map.of("entityTypeId", 2))
                .body("result.size()", equalTo(1)).body("result[0].name", equalTo("other"))
                .body("result[0].elements", equalTo(List.of()));
    }

    @Test
    void get_of_nothing_stored_is_null() {
        calls.as(PLAIN_USER, GET, Map.of("entityTypeId", 4)).statusCode(200).body("result", nullValue());
    }

    @Test
    void get_returns_ui_seeded_values_unchanged() {
        portal.seedCommonLayout("deal_details");

        calls.as(PLAIN_USER, GET, Map.of("entityTypeId", 2, "scope", "C")).statusCode(200)
                .body("result[0].elements[0].optionFlags", equalTo("0"))
                .body("result[0].elements[0].title", equalTo(""));
    }

    @Test
    void force_common_scope_removes_every_personal_layout_and_view_choice_but_keeps_common() {
        portal.seedPersonalLayout("deal_details", PLAIN_USER);
        portal.seedPersonalLayout("deal_details", OSCAR_PLAIN);
        portal.seedViewChoice("deal_details", OSCAR_PLAIN, "P");
        portal.seedCommonLayout("deal_details");
        portal.seedPersonalLayout("deal_details_c_3", PLAIN_USER);

        calls.as(CRM_MANAGER, "crm.item.details.configuration.forceCommonScopeForAll", Map.of("entityTypeId", 2))
                .statusCode(200).body("result", equalTo(true));

        calls.as(ADMIN, GET, Map.of("entityTypeId", 2, "userId", PLAIN_USER)).body("result", nullValue());
        calls.as(ADMIN, GET, Map.of("entityTypeId", 2, "userId", OSCAR_PLAIN)).body("result", nullValue());
        calls.as(PLAIN_USER, GET, Map.of("entityTypeId", 2, "scope", "C")).body("result[0].name", equalTo("common"));
        assertThat(portal.editorOption("deal_details_scope", OSCAR_PLAIN, false).isPresent(), is(false));
        assertThat(portal.editorOption("deal_details_c_3", PLAIN_USER, false).isPresent(), is(true));
        assertThat(portal.layoutSource("deal_details", PLAIN_USER), is("common"));
    }

    @Test
    void force_common_scope_needs_a_crm_admin() {
        assertCrmError(calls.as(PLAIN_USER, "crm.item.details.configuration.forcecommonscopeforall",
                Map.of("entityTypeId", 2)), "Access denied.");
    }

    @Test
    void reset_deletes_only_the_addressed_row() {
        portal.seedPersonalLayout("contact_details", PLAIN_USER);
        portal.seedPersonalLayout("contact_details", OSCAR_PLAIN);
        portal.seedViewChoice("contact_details", PLAIN_USER, "P");
        portal.seedCommonLayout("contact_details");

        calls.as(PLAIN_USER, "crm.contact.details.configuration.reset", Map.of()).statusCode(200)
                .body("result", equalTo(true));

        assertThat(portal.editorOption("contact_details", PLAIN_USER, false).isPresent(), is(false));
        assertThat(portal.editorOption("contact_details", OSCAR_PLAIN, false).isPresent(), is(true));
        assertThat(portal.editorOption("contact_details_scope", PLAIN_USER, false).isPresent(), is(true));
        assertThat(portal.editorOption("contact_details_common", 0, true).isPresent(), is(true));
    }

    @Test
    void reset_of_nothing_is_still_true() {
        calls.as(PLAIN_USER, "crm.item.details.configuration.reset", Map.of("entityTypeId", 7))
                .statusCode(200).body("result", equalTo(true));
    }

    @Test
    void an_admin_may_reset_another_users_layout() {
        portal.seedPersonalLayout("lead_details", PLAIN_USER);

        calls.as(CRM_MANAGER, "crm.item.details.configuration.reset",
                Map.of("entityTypeId", 1, "userId", PLAIN_USER)).statusCode(200);

        assertThat(portal.layoutSource("lead_details", PLAIN_USER), is("default"));
    }

    @Test
    void USER_ID_spelling_is_ignored_and_the_caller_is_used() {
        portal.seedPersonalLayout("lead_details", PLAIN_USER);

        calls.as(ADMIN, "crm.item.details.configuration.reset",
                Map.of("entityTypeId", 1, "USER_ID", PLAIN_USER)).statusCode(200);

        assertThat(portal.editorOption("lead_details", PLAIN_USER, false).isPresent(), is(true));
    }

    @Test
    void missing_entity_type_is_not_defined() {
        assertCrmError(calls.as(ADMIN, GET, Map.of()), "Parameter 'entityTypeID' is not defined");
        assertCrmError(calls.as(ADMIN, GET, Map.of("entity_type_id", 2)), "Parameter 'entityTypeID' is not defined");
        assertCrmError(calls.as(ADMIN, GET, Map.of("entityTypeId", 1034)), "Parameter 'entityTypeID' is not defined");
    }

    @Test
    void old_invoice_is_not_supported() {
        assertCrmError(calls.as(ADMIN, GET, Map.of("entityTypeId", 5)),
                "The entity type 'INVOICE' is not supported in current context.");
    }

    @Test
    void per_entity_methods_ignore_a_passed_entity_type() {
        calls.as(ADMIN, "crm.lead.details.configuration.set",
                Map.of("entityTypeId", 2, "data", oneSection("Lead"))).statusCode(200);

        assertThat(portal.editorOption("lead_details", ADMIN, false).isPresent(), is(true));
        assertThat(portal.editorOption("deal_details", ADMIN, false).isPresent(), is(false));
    }

    @Test
    void there_are_no_quote_or_smart_process_per_entity_methods() {
        calls.as(ADMIN, "crm.quote.details.configuration.get", Map.of()).statusCode(404)
                .body("error", equalTo("ERROR_METHOD_NOT_FOUND"));
    }

    @Test
    void a_user_without_crm_access_is_denied_first() {
        portal.setUser(PLAIN_USER, false, false, false);

        assertCrmError(calls.as(PLAIN_USER, GET, Map.of()), "Access denied.");
    }

    @Test
    void set_validation_messages_follow_the_server_order() {
        assertCrmError(calls.as(ADMIN, SET, Map.of("entityTypeId", 2)), "Parameter 'data' must be array.");
        assertCrmError(calls.as(ADMIN, SET, Map.of("entityTypeId", 2, "data", "x")), "Parameter 'data' must be array.");
        assertCrmError(calls.as(ADMIN, SET, Map.of("entityTypeId", 2, "data", List.of())), "There are no data to write.");
        assertCrmError(calls.as(ADMIN, SET, Map.of("entityTypeId", 2, "data",
                Map.of("1", Map.of("name", "a", "title", "A")))), "The data must be indexed array.");
        assertCrmError(calls.as(ADMIN, SET, Map.of("entityTypeId", 2, "data",
                List.of(Map.of("name", "a", "title", "A", "type", "column2")))),
                "Section at index 0 have type 'column2'. The expected type is 'section'.");
        assertCrmError(calls.as(ADMIN, SET, Map.of("entityTypeId", 2, "data",
                List.of(Map.of("name", "a", "title", "A"), Map.of("name", " ", "title", "B")))),
                "Section at index 1 does not have name.");
        assertCrmError(calls.as(ADMIN, SET, Map.of("entityTypeId", 2, "data",
                List.of(Map.of("name", "a", "title", 5)))), "Section at index 0 does not have title.");
        assertCrmError(calls.as(ADMIN, SET, Map.of("entityTypeId", 2, "data",
                List.of(Map.of("name", "a", "title", "", "elements", List.of(Map.of("name", "X"), Map.of("title", "Y")))))),
                "Element at index 1 in section at index 0 does not have name.");
    }

    @Test
    void permission_is_checked_before_the_data() {
        assertCrmError(calls.as(PLAIN_USER, SET, Map.of("entityTypeId", 2, "scope", "C", "data", "x")), "Access denied.");
    }

    @Test
    void form_encoded_set_stores_strings_from_bracket_keys() {
        calls.form(ADMIN, SET, Map.of(
                "entityTypeId", "2",
                "extras[dealCategoryId]", "7",
                "data[0][name]", "main",
                "data[0][title]", "From a form",
                "data[0][elements][0][name]", "TITLE",
                "data[0][elements][0][optionFlags]", "1")).statusCode(200).body("result", equalTo(true));

        JsonNode stored = portal.editorOption("deal_details_c_7", ADMIN, false).orElseThrow();
        JsonNode element = stored.get(0).get("elements").get(0).get("elements").get(0);
        assertThat(element.get("optionFlags").isTextual(), is(true));
        assertThat(element.get("optionFlags").asText(), is("1"));
    }
}
