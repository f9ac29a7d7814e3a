package com.crmcardlayouts.simulator;

import java.util.Map;
import java.util.Set;

/** Bitrix24's CRM entity type ids as the card-configuration methods see them. */
public final class CrmEntityTypes {

    public static final int LEAD = 1;
    public static final int DEAL = 2;
    public static final int CONTACT = 3;
    public static final int COMPANY = 4;
    public static final int QUOTE = 7;
    public static final int SMART_INVOICE = 31;
    public static final int SMART_DOCUMENT = 36;
    public static final int SMART_B2E_DOCUMENT = 39;

    private static final Set<Integer> STATIC_SUPPORTED =
            Set.of(LEAD, DEAL, CONTACT, COMPANY, QUOTE, SMART_INVOICE, SMART_DOCUMENT, SMART_B2E_DOCUMENT);

    // CCrmOwnerType names, used in "The entity type '…' is not supported in current context."
    private static final Map<Integer, String> NAMES = Map.ofEntries(
            Map.entry(1, "LEAD"), Map.entry(2, "DEAL"), Map.entry(3, "CONTACT"), Map.entry(4, "COMPANY"),
            Map.entry(5, "INVOICE"), Map.entry(6, "ACTIVITY"), Map.entry(7, "QUOTE"), Map.entry(8, "REQUISITE"),
            Map.entry(9, "DEAL_CATEGORY"), Map.entry(10, "CUSTOM_ACTIVITY_TYPE"), Map.entry(11, "WAIT"),
            Map.entry(12, "CALL_LIST"), Map.entry(13, "DEAL_RECURRING"), Map.entry(14, "ORDER"),
            Map.entry(15, "ORDER_CHECK"), Map.entry(16, "ORDER_SHIPMENT"), Map.entry(17, "ORDER_PAYMENT"),
            Map.entry(18, "INVOICE_RECURRING"), Map.entry(31, "SMART_INVOICE"), Map.entry(33, "STORE_DOCUMENT"),
            Map.entry(34, "SHIPMENT_DOCUMENT"), Map.entry(36, "SMART_DOCUMENT"), Map.entry(39, "SMART_B2E_DOCUMENT"),
            Map.entry(1024, "SYSTEM"));

    private CrmEntityTypes() {
    }

    /** Smart-process id range: 128–191, or even ids from 1030 on. */
    public static boolean isPossibleDynamic(int entityTypeId) {
        return (entityTypeId >= 128 && entityTypeId <= 191) || (entityTypeId >= 1030 && entityTypeId % 2 == 0);
    }

    /** "Defined": 1..41, 1024, or a smart process that exists on the portal. */
    public static boolean isDefined(int entityTypeId, Set<Integer> existingSmartProcesses) {
        return (entityTypeId >= 1 && entityTypeId <= 41) || entityTypeId == 1024
                || existingSmartProcesses.contains(entityTypeId);
    }

    public static boolean isSupported(int entityTypeId, Set<Integer> existingSmartProcesses) {
        return STATIC_SUPPORTED.contains(entityTypeId) || existingSmartProcesses.contains(entityTypeId);
    }

    public static String name(int entityTypeId) {
        if (isPossibleDynamic(entityTypeId)) {
            return "DYNAMIC_" + entityTypeId;
        }
        return NAMES.getOrDefault(entityTypeId, "");
    }

    /**
     * The lower-case option name a card layout is stored under (its "configId"), e.g.
     * {@code deal_details_c_3}, {@code returning_lead_details}, {@code dynamic_1032_details_c5}.
     */
    public static String configId(int entityTypeId, int categoryId, int leadCustomerType) {
        String id = switch (entityTypeId) {
            case LEAD -> switch (leadCustomerType) {
                case 0, 1 -> "lead_details";
                case 2 -> "returning_lead_details";
                // An unknown customer type has no name: Bitrix24 builds "_lead_details" from the empty prefix.
                default -> "_lead_details";
            };
            case DEAL -> "deal_details" + underscoredCategory(categoryId);
            case CONTACT -> "contact_details" + underscoredCategory(categoryId);
            case COMPANY -> "company_details" + underscoredCategory(categoryId);
            case QUOTE -> "quote_details" + underscoredCategory(categoryId);
            case SMART_INVOICE -> "smart_invoice_details" + compactCategory(categoryId);
            case SMART_DOCUMENT -> "smart_document_details" + compactCategory(categoryId);
            case SMART_B2E_DOCUMENT -> "smart_b2e_doc_details" + compactCategory(categoryId);
            default -> "dynamic_" + entityTypeId + "_details" + compactCategory(categoryId);
        };
        return id.toLowerCase();
    }

    private static String underscoredCategory(int categoryId) {
        return categoryId > 0 ? "_c_" + categoryId : "";
    }

    private static String compactCategory(int categoryId) {
        return categoryId > 0 ? "_c" + categoryId : "";
    }
}
