package com.crmcardlayouts.bitrix24;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Which card form a layout belongs to: the entity type plus, where it has one, the funnel or
 * category (deals, smart processes) or the lead kind (1 simple, 2 repeat).
 */
public record LayoutTarget(EntityType entityType, Integer categoryId, Integer leadCustomerType) {

    /**
     * The {@code extras} Bitrix24 reads for this form. Each type reads its own key and silently
     * ignores the others, so the spelling matters: {@code leadCustomerType} for leads,
     * {@code dealCategoryId} for deals, {@code categoryId} for smart processes and the literal
     * {@code CATEGORY_ID} for smart invoices and documents, which Bitrix24 does not rename.
     */
    public Map<String, Object> extras() {
        Map<String, Object> extras = new LinkedHashMap<>();
        if (entityType.isLead() && leadCustomerType != null) {
            extras.put("leadCustomerType", leadCustomerType);
        } else if (categoryId != null) {
            if (entityType.isDeal()) {
                extras.put("dealCategoryId", categoryId);
            } else if (entityType.isSmartProcess()) {
                extras.put("categoryId", categoryId);
            } else if (entityType.takesLiteralCategoryKey()) {
                extras.put("CATEGORY_ID", categoryId);
            }
        }
        return extras;
    }
}
