package com.crmcardlayouts.web;

import com.crmcardlayouts.audit.AuditJournal;
import com.crmcardlayouts.requests.Refused;
import io.quarkus.qute.i18n.Localized;
import io.quarkus.qute.i18n.MessageBundles;

import java.util.Set;

/** Explains a refused page-API request in the user's language. */
final class ApiMessages {

    private static final Set<String> TRANSLATED = Set.of("ru", "de");

    private ApiMessages() {
    }

    static AppMessages in(String lang) {
        return lang != null && TRANSLATED.contains(lang)
                ? MessageBundles.get(AppMessages.class, Localized.Literal.of(lang))
                : MessageBundles.get(AppMessages.class);
    }

    static String explain(Refused refused, String lang) {
        AppMessages msg = in(lang);
        String field = refused.field();
        return switch (refused.refusal()) {
            case BODY_NOT_JSON_OBJECT -> msg.api_body_not_json_object();
            case BODY_TOO_LARGE -> msg.api_body_too_large();
            case FIELD_UNKNOWN -> msg.api_field_unknown(field);
            case FIELD_NOT_INTEGER -> msg.api_field_not_integer(field);
            case FIELD_NOT_BOOLEAN -> msg.api_field_not_boolean(field);
            case FIELD_MISSING -> msg.api_field_missing(field);
            case FIELD_NOT_FOR_ACTION -> msg.api_field_not_for_action(field);
            case FIELD_NOT_FOR_ENTITY -> msg.api_field_not_for_entity(field);
            case SCOPE_INVALID -> msg.api_scope_invalid();
            case USER_ID_WITHOUT_PERSONAL_SCOPE -> msg.api_user_id_without_personal_scope();
            case USER_ID_NOT_POSITIVE -> msg.api_user_id_not_positive();
            case ENTITY_TYPE_UNSUPPORTED -> msg.api_entity_type_unsupported();
            case LEAD_CUSTOMER_TYPE_INVALID -> msg.api_lead_customer_type_invalid();
            case CATEGORY_OUT_OF_RANGE -> msg.api_category_out_of_range();
            case CATEGORY_REQUIRED -> msg.api_category_required();
            case TABS_INVALID -> msg.api_tabs_invalid();
            case SMART_PROCESS_UNKNOWN -> msg.api_smart_process_unknown(field);
            case PAGE_INVALID -> msg.api_page_invalid();
            case PAGE_OUT_OF_RANGE -> msg.api_page_out_of_range(AuditJournal.LAST_PAGE);
            case SESSION_INVALID -> msg.api_session_invalid();
            case NOT_INSTALLED -> msg.api_not_installed();
            case SAVE_IN_PROGRESS -> msg.api_save_in_progress();
            case USERS_NOT_ALLOWED -> msg.api_users_not_allowed();
            case OWN_RESET_NOT_ALLOWED -> msg.api_own_reset_not_allowed();
            case PORTAL_ADMIN_REQUIRED -> msg.api_portal_admin_required();
            case DENIED_NEEDS_CRM_SETTINGS_RIGHT -> msg.api_denied_needs_crm_settings_right();
            case DENIED_NEEDS_CRM_ACCESS -> msg.api_denied_needs_crm_access();
            case NEEDS_REAUTH -> msg.api_needs_reauth();
            case RATE_LIMITED -> msg.api_rate_limited();
            case METHOD_UNSUPPORTED_BY_PORTAL -> msg.api_method_unsupported_by_portal();
            case BITRIX24_FAILED -> msg.api_bitrix24_failed();
        };
    }
}
