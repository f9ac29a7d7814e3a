package com.crmcardlayouts.bitrix24;


import java.util.Optional;
import java.util.Set;

/**
 * A Bitrix24 CRM entity type whose card layout the app can change, e.g. {@code 2} (deal) or
 * {@code 1032} (a smart process). Knows which layout parameters each type takes.
 *
 * @param id Bitrix24's {@code entityTypeId}
 */
public record EntityType(int id) {

    public static final int LEAD = 1;
    public static final int DEAL = 2;
    public static final int CONTACT = 3;
    public static final int COMPANY = 4;
    public static final int QUOTE = 7;
    public static final int SMART_INVOICE = 31;
    public static final int SMART_DOCUMENT = 36;
    public static final int SMART_B2E_DOCUMENT = 39;

    private static final Set<Integer> STATIC_TYPES = Set.of(LEAD, DEAL, CONTACT, COMPANY, QUOTE, SMART_INVOICE,
            SMART_DOCUMENT, SMART_B2E_DOCUMENT);
    /** Types built on smart processes but not smart processes themselves: only the literal CATEGORY_ID selects their category. */
    private static final Set<Integer> LITERAL_CATEGORY_TYPES = Set.of(SMART_INVOICE, SMART_DOCUMENT, SMART_B2E_DOCUMENT);

    /** The types the page API accepts (CONTRACT §5), empty for anything else. */
    public static Optional<EntityType> of(long id) {
        if (id > Integer.MAX_VALUE || id < 0) {
            return Optional.empty();
        }
        EntityType type = new EntityType((int) id);
        return STATIC_TYPES.contains(type.id) || type.isSmartProcess() ? Optional.of(type) : Optional.empty();
    }

    /** The type a detail-tab placement belongs to: a known entity's code or {@code CRM_DYNAMIC_<id>_DETAIL_TAB}. */
    public static Optional<EntityType> ofPlacement(String placement) {
        return CardType.ofPlacement(placement).flatMap(card -> of(card.entityTypeId()));
    }

    public boolean isSmartProcess() {
        return CardType.isSmartProcessId(id);
    }

    public boolean isLead() {
        return id == LEAD;
    }

    public boolean isDeal() {
        return id == DEAL;
    }

    public boolean takesLiteralCategoryKey() {
        return LITERAL_CATEGORY_TYPES.contains(id);
    }

    /** Deals (funnels), smart processes and the smart-process based types have categories. */
    public boolean acceptsCategory() {
        return isDeal() || isSmartProcess() || takesLiteralCategoryKey();
    }

    /** Without a category Bitrix24 writes a smart-process layout that no card reads. */
    public boolean requiresCategory() {
        return isSmartProcess();
    }

    /** The card whose tab setting applies, empty for smart documents, which have no tab of their own. */
    public Optional<CardType> cardType() {
        return CardType.ofEntityTypeId(id);
    }
}
