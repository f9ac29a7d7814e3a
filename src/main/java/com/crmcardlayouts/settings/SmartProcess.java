package com.crmcardlayouts.settings;

import com.crmcardlayouts.bitrix24.CardType;

/**
 * A smart process of a portal, as {@code crm.type.list} names it.
 *
 * @param card  its card, e.g. entity type {@code 1032}
 * @param title what the portal calls it, e.g. {@code Projects}
 */
public record SmartProcess(CardType card, String title) {
}
