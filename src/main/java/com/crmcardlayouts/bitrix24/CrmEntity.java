package com.crmcardlayouts.bitrix24;

import java.util.Arrays;
import java.util.Optional;

/** The CRM entities whose cards can show the app's tab, with their Bitrix24 ids and placement codes. */
public enum CrmEntity {
    LEAD(1, "CRM_LEAD_DETAIL_TAB"),
    DEAL(2, "CRM_DEAL_DETAIL_TAB"),
    CONTACT(3, "CRM_CONTACT_DETAIL_TAB"),
    COMPANY(4, "CRM_COMPANY_DETAIL_TAB"),
    QUOTE(7, "CRM_QUOTE_DETAIL_TAB"),
    SMART_INVOICE(31, "CRM_SMART_INVOICE_DETAIL_TAB");

    /** Bitrix24's CRM entity type id. */
    public final int entityTypeId;
    /** The detail-tab placement code of this entity's card. */
    public final String placement;

    CrmEntity(int entityTypeId, String placement) {
        this.entityTypeId = entityTypeId;
        this.placement = placement;
    }

    public static Optional<CrmEntity> byPlacement(String placement) {
        return Arrays.stream(values()).filter(e -> e.placement.equals(placement)).findFirst();
    }
}
