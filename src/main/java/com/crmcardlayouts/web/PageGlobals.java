package com.crmcardlayouts.web;

import com.crmcardlayouts.config.AppConfig;
import io.quarkus.arc.Arc;
import io.quarkus.qute.TemplateGlobal;

/** What every page template may use without each page passing it. */
@TemplateGlobal
public final class PageGlobals {

    private PageGlobals() {
    }

    /** Where pages load Bitrix24's frame library from ({@code app.bx24-script-url}). */
    static String bx24Script() {
        return Arc.container().instance(AppConfig.class).get().bx24ScriptUrl();
    }
}
