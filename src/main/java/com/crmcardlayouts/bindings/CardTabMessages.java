package com.crmcardlayouts.bindings;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/**
 * The card tab's title, in English; {@code messages/tab_<lang>.properties} hold the translations. Bitrix24 shows
 * the one bound with the tab, the tab's pages read it as {@code {tab:title}}.
 */
@MessageBundle(value = "tab", locale = "en")
public interface CardTabMessages {

    @Message("Card layout")
    String title();
}
