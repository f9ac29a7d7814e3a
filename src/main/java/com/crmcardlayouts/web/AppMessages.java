package com.crmcardlayouts.web;

import com.crmcardlayouts.requests.Refusal;
import com.crmcardlayouts.portal.PortalStatus;
import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/**
 * Every user-visible string of the pages, in English; {@code messages/msg_<lang>.properties} hold
 * the translations. Templates read them as {@code {msg:name}}.
 */
@MessageBundle(value = "msg", locale = "en")
public interface AppMessages {

    /** The language of these texts, for {@code <html lang>}. */
    @Message("en")
    String lang();

    @Message("CRM Card Layouts")
    String app_name();

    @Message("Lead")
    String entity_lead();

    @Message("Deal")
    String entity_deal();

    @Message("Contact")
    String entity_contact();

    @Message("Company")
    String entity_company();

    @Message("Quote")
    String entity_quote();

    @Message("Invoice")
    String entity_smart_invoice();

    // --- install page
    @Message("Installing CRM Card Layouts")
    String install_title();

    @Message("The app is set up on your portal.")
    String install_done();

    @Message("A \"Card layout\" tab was added to these CRM cards:")
    String install_tabs();

    @Message("The app listens to these portal events, so it knows when it is updated or removed:")
    String install_events();

    @Message("Finishing the installation…")
    String install_finishing();

    @Message("Finish installation")
    String install_finish_button();

    // --- error pages
    @Message("Something went wrong")
    String error_title();

    @Message("Bitrix24 could not confirm who you are. Close this window and open the app again from your portal.")
    String error_not_authenticated();

    @Message("This request was made for another application.")
    String error_foreign_app();

    @Message("This request does not belong to the portal it names.")
    String error_wrong_portal();

    @Message("This request could not be confirmed as coming from your portal. Open the app again from your portal.")
    String error_application_token_mismatch();

    @Message("Only a portal administrator can do this.")
    String error_not_admin();

    @Message("An administrator has switched this tab off for your portal.")
    String error_tab_disabled();

    @Message("The app is not installed on this portal. Ask a portal administrator to open the app once from the Applications menu.")
    String error_not_installed();

    @Message("Bitrix24 cannot be reached right now. Please try again in a minute.")
    String error_bitrix24_unavailable();

    @Message("The app is being set up or its settings are being saved on this portal right now. Please open the app again in a minute.")
    String error_busy();

    @Message("The app is briefly unavailable: it cannot reach its database right now. Your settings and layouts are safe. Please try again in a minute.")
    String error_app_unavailable();

    @Message("Bitrix24 reported an error. Please try again; if it keeps happening, contact the app's support.")
    String error_bitrix24_failed();

    @Message("The request was incomplete. Open the app again from your portal.")
    String error_incomplete_request();

    @Message("Smart process {id}")
    String entity_smart_process(int id);

    @Message("Smart document")
    String entity_smart_document();

    @Message("Signing document")
    String entity_smart_b2e_document();

    // --- card tab
    @Message("Card")
    String tab_card_label();

    @Message("Funnel {id}")
    String tab_funnel(int id);

    @Message("Category {id}")
    String tab_category(int id);

    @Message("What is a card layout?")
    String tab_explain_title();

    @Message("A layout decides which fields a card shows, in which sections and in which order.")
    String tab_explain_layout();

    @Message("Personal layout: how one person arranged this card for themselves. Only they see it.")
    String tab_explain_personal();

    @Message("Common layout: what everyone sees who has no personal layout.")
    String tab_explain_common();

    @Message("Nothing here changes any card data: only how cards are arranged.")
    String tab_explain_safe();

    @Message("Which layout")
    String tab_target_title();

    @Message("Lead kind")
    String tab_lead_kind();

    @Message("Simple lead")
    String tab_lead_simple();

    @Message("Repeat lead")
    String tab_lead_repeat();

    @Message("Funnel number (0 is the main funnel)")
    String tab_funnel_field();

    @Message("Category number")
    String tab_category_field();

    @Message("What you can do")
    String tab_actions_title();

    @Message("Reset my layout")
    String action_reset_own();

    @Message("Deletes your personal layout of this card. You will see the common layout again.")
    String action_reset_own_explain();

    @Message("Reset your personal layout of this card? Your own arrangement will be lost.")
    String action_reset_own_confirm();

    @Message("Reset a colleague's layout")
    String action_reset_user();

    @Message("Deletes one person's personal layout of this card. They will see the common layout again.")
    String action_reset_user_explain();

    @Message("Reset this person's personal layout of this card? Their own arrangement will be lost.")
    String action_reset_user_confirm();

    @Message("Colleague")
    String action_reset_user_pick();

    @Message("or user id")
    String action_reset_user_id();

    @Message("Choose a colleague or enter a user id first.")
    String action_reset_user_missing();

    @Message("Reset the common layout")
    String action_reset_common();

    @Message("Deletes the common layout of this card. Everyone without a personal layout will see Bitrix24's standard layout.")
    String action_reset_common_explain();

    @Message("Reset the common layout of this card for the whole portal? This cannot be undone.")
    String action_reset_common_confirm();

    @Message("Make everyone use the common layout")
    String action_force_common();

    @Message("Deletes every person's personal layout of this card, so everyone sees the common layout. People can arrange their own again later.")
    String action_force_common_explain();

    @Message("Delete every personal layout of this card and show everyone the common layout? This cannot be undone.")
    String action_force_common_confirm();

    @Message("Please confirm")
    String confirm_title();

    @Message("Yes, do it")
    String confirm_yes();

    @Message("Cancel")
    String confirm_cancel();

    @Message("Working…")
    String working();

    @Message("Done. Reload the card to see the change.")
    String tab_done();

    @Message("Please enter a whole number of 0 or more.")
    String tab_category_missing();

    @Message("Your administrator has not allowed resetting layouts here, so there is nothing you can change.")
    String tab_nothing_allowed();

    @Message("The card layout tab is for CRM settings managers on this portal. Ask your administrator if you need a layout reset.")
    String tab_users_not_allowed();

    @Message("The app could not reach itself. Check your connection and try again.")
    String network_error();

    // --- console
    @Message("Portal")
    String console_portal();

    @Message("Status")
    String console_status();

    /** A portal state's name: one {@code status_$<STATE>} key per state, in every language's file (English: msg_en). */
    @Message
    String status(PortalStatus status);

    @Message("Tabs bound in Bitrix24")
    String console_bound_tabs();

    @Message("none")
    String console_none();

    @Message("Bitrix24 did not say which tabs are bound right now.")
    String console_bound_unknown();

    @Message("Settings")
    String console_settings();

    @Message("Show the \"Card layout\" tab on these cards:")
    String console_tabs_field();

    @Message("Bitrix24 did not list this portal's smart processes, so only the standard cards and those already chosen are offered.")
    String console_smart_processes_unknown();

    @Message("People who manage no CRM settings may use the tab")
    String console_non_admins_may_use();

    @Message("They may reset their own personal layout")
    String console_users_may_reset_own();

    @Message("Bitrix24's own permissions always apply on top: these settings can only take rights away.")
    String console_settings_note();

    @Message("Save settings")
    String console_save();

    @Message("Settings saved; the tabs were updated in Bitrix24.")
    String console_saved();

    @Message("Audit journal")
    String console_journal();

    @Message("Nothing has happened yet.")
    String journal_empty();

    @Message("When")
    String journal_when();

    @Message("Who")
    String journal_who();

    @Message("What")
    String journal_what();

    @Message("Layout")
    String journal_layout();

    @Message("Result")
    String journal_result();

    @Message("user {id}")
    String journal_user(long id);

    @Message("of user {id}")
    String journal_of_user(long id);

    @Message("Reset a personal layout")
    String journal_reset_personal();

    @Message("Reset the common layout")
    String journal_reset_common();

    @Message("Forced the common layout")
    String journal_force_common();

    @Message("Changed the settings")
    String journal_settings_changed();

    @Message("Installed the app")
    String journal_app_installed();

    @Message("Reinstalled the app")
    String journal_app_reinstalled();

    @Message("Updated the app")
    String journal_app_updated();

    @Message("Uninstalled the app")
    String journal_app_uninstalled();

    @Message("Refused an app event said to come from Bitrix24")
    String journal_app_event_refused();

    @Message("Could not verify an app event: the Bitrix24 OAuth server did not answer")
    String journal_app_event_unconfirmed();

    @Message("Stored the application token an administrator's page brought")
    String journal_app_token_replaced();

    @Message("Refused")
    String outcome_refused();

    @Message("Done")
    String outcome_success();

    @Message("Not allowed")
    String outcome_forbidden();

    @Message("Failed")
    String outcome_failed();

    @Message("Newer")
    String journal_newer();

    @Message("Older")
    String journal_older();

    @Message("Page {page}")
    String journal_page(int page);

    @Message("CRM Card Layouts adds a \"Card layout\" tab to CRM cards. There you can reset your personal card layout; CRM settings managers can also reset the common layout or make everyone use it.")
    String about_text();

    @Message("Open any lead, deal, contact or company and look for the \"Card layout\" tab.")
    String about_where();

    // --- page API answers
    /**
     * Why a page-API request was refused, through the message of each {@link Refusal}.
     *
     * @param field the offending request field or smart process, e.g. {@code userId}
     * @param lastPage the last page of the journal that can be asked for
     */
    @Message("""
            {#when refusal}\
            {#is BODY_NOT_JSON_OBJECT}{msg:api_body_not_json_object}\
            {#is BODY_TOO_LARGE}{msg:api_body_too_large}\
            {#is FIELD_UNKNOWN}{msg:api_field_unknown(field)}\
            {#is FIELD_NOT_INTEGER}{msg:api_field_not_integer(field)}\
            {#is FIELD_NOT_BOOLEAN}{msg:api_field_not_boolean(field)}\
            {#is FIELD_MISSING}{msg:api_field_missing(field)}\
            {#is FIELD_NOT_FOR_ACTION}{msg:api_field_not_for_action(field)}\
            {#is FIELD_NOT_FOR_ENTITY}{msg:api_field_not_for_entity(field)}\
            {#is SCOPE_INVALID}{msg:api_scope_invalid}\
            {#is USER_ID_WITHOUT_PERSONAL_SCOPE}{msg:api_user_id_without_personal_scope}\
            {#is USER_ID_NOT_POSITIVE}{msg:api_user_id_not_positive}\
            {#is ENTITY_TYPE_UNSUPPORTED}{msg:api_entity_type_unsupported}\
            {#is LEAD_CUSTOMER_TYPE_INVALID}{msg:api_lead_customer_type_invalid}\
            {#is CATEGORY_OUT_OF_RANGE}{msg:api_category_out_of_range}\
            {#is CATEGORY_REQUIRED}{msg:api_category_required}\
            {#is TABS_INVALID}{msg:api_tabs_invalid}\
            {#is SMART_PROCESS_UNKNOWN}{msg:api_smart_process_unknown(field)}\
            {#is PAGE_INVALID}{msg:api_page_invalid}\
            {#is PAGE_OUT_OF_RANGE}{msg:api_page_out_of_range(lastPage)}\
            {#is SESSION_INVALID}{msg:api_session_invalid}\
            {#is NOT_INSTALLED}{msg:api_not_installed}\
            {#is SAVE_IN_PROGRESS}{msg:api_save_in_progress}\
            {#is USERS_NOT_ALLOWED}{msg:api_users_not_allowed}\
            {#is OWN_RESET_NOT_ALLOWED}{msg:api_own_reset_not_allowed}\
            {#is PORTAL_ADMIN_REQUIRED}{msg:api_portal_admin_required}\
            {#is DENIED_NEEDS_CRM_SETTINGS_RIGHT}{msg:api_denied_needs_crm_settings_right}\
            {#is DENIED_NEEDS_CRM_ACCESS}{msg:api_denied_needs_crm_access}\
            {#is NEEDS_REAUTH}{msg:api_needs_reauth}\
            {#is RATE_LIMITED}{msg:api_rate_limited}\
            {#is METHOD_UNSUPPORTED_BY_PORTAL}{msg:api_method_unsupported_by_portal}\
            {#is BITRIX24_FAILED}{msg:api_bitrix24_failed}\
            {/when}""")
    String api_refused(Refusal refusal, String field, int lastPage);

    @Message("The request body must be one JSON object.")
    String api_body_not_json_object();

    @Message("The request is larger than 64 KiB.")
    String api_body_too_large();

    @Message("The field \"{field}\" is not accepted here.")
    String api_field_unknown(String field);

    @Message("The field \"{field}\" must be a whole number (without quotes).")
    String api_field_not_integer(String field);

    @Message("The field \"{field}\" must be true or false.")
    String api_field_not_boolean(String field);

    @Message("The field \"{field}\" is required.")
    String api_field_missing(String field);

    @Message("The field \"{field}\" does not apply to this action.")
    String api_field_not_for_action(String field);

    @Message("The field \"{field}\" does not apply to this type of card.")
    String api_field_not_for_entity(String field);

    @Message("\"scope\" must be exactly \"P\" (a personal layout) or \"C\" (the common layout).")
    String api_scope_invalid();

    @Message("\"userId\" can only be given for a personal layout (scope \"P\").")
    String api_user_id_without_personal_scope();

    @Message("\"userId\" must be a positive whole number.")
    String api_user_id_not_positive();

    @Message("This type of CRM card is not supported: use 1, 2, 3, 4, 7, 31, 36, 39 or a smart process.")
    String api_entity_type_unsupported();

    @Message("\"leadCustomerType\" must be 1 (simple lead) or 2 (repeat lead).")
    String api_lead_customer_type_invalid();

    @Message("\"categoryId\" must be 0 or more.")
    String api_category_out_of_range();

    @Message("Smart processes need \"categoryId\": without it Bitrix24 would change a layout no card uses.")
    String api_category_required();

    @Message("\"tabs\" must list card types such as \"LEAD\", \"DEAL\" or \"DYNAMIC_1032\" (a smart process).")
    String api_tabs_invalid();

    @Message("\"tabs\" names {key}, but this portal has no such smart process.")
    String api_smart_process_unknown(String key);

    @Message("\"page\" must be a whole number of 1 or more.")
    String api_page_invalid();

    @Message("\"page\" may be at most {last}.")
    String api_page_out_of_range(int last);

    @Message("There is no such page-API request.")
    String api_not_found();

    @Message("This page-API address does not take this HTTP method.")
    String api_method_not_allowed();

    @Message("The page API answers only in JSON (the journal also in HTML).")
    String api_not_acceptable();

    @Message("The page API takes only JSON bodies.")
    String api_unsupported_media_type();

    @Message("The request is not one the page API understands.")
    String api_invalid_request();

    @Message("Something went wrong in the app. Please try again; if it keeps happening, contact the app's support.")
    String api_internal_error();

    @Message("Your session is missing, has expired or is not valid. Open the app again from your portal.")
    String api_session_invalid();

    @Message("The app is not installed on this portal any more. Ask a portal administrator to open it from the Applications menu.")
    String api_not_installed();

    @Message("Your administrator allows only CRM settings managers to use this tab.")
    String api_users_not_allowed();

    @Message("Your administrator does not allow resetting your own layout in this app.")
    String api_own_reset_not_allowed();

    @Message("Only a portal administrator can change these settings.")
    String api_portal_admin_required();

    @Message("Another administrator is saving this portal's settings right now. Reload the console in a moment and try again.")
    String api_save_in_progress();

    @Message("Bitrix24 refused: this needs the CRM permission \"Allow to change settings\" (or a portal administrator).")
    String api_denied_needs_crm_settings_right();

    @Message("Bitrix24 refused: you need access to the CRM to change your layout.")
    String api_denied_needs_crm_access();

    @Message("Bitrix24 no longer accepts your authorization. Open the app again and retry.")
    String api_needs_reauth();

    @Message("Bitrix24 is busy right now. Please try again in a minute.")
    String api_rate_limited();

    @Message("The app is briefly unavailable: it cannot reach its database right now. Please try again in a minute.")
    String api_unavailable();

    @Message("This portal's Bitrix24 version cannot change this type of card layout through apps.")
    String api_method_unsupported_by_portal();

    @Message("Bitrix24 reported an error. Please try again; if it keeps happening, contact the app's support.")
    String api_bitrix24_failed();
}
