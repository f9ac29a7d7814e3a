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
        return in(lang).api_refused(refused.refusal(), refused.field(), AuditJournal.LAST_PAGE);
    }
}
