package com.crmcardlayouts.bitrix24;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A kind of CRM card that can show the app's tab: one of the fixed {@link CrmEntity} cards or a
 * smart process, e.g. {@code 1032}. Whether a smart process exists is the portal's business; this
 * type only knows that its id is one Bitrix24 can give a smart process.
 *
 * @param entityTypeId Bitrix24's CRM entity type id
 */
public record CardType(int entityTypeId) {

    /** The fixed cards, in the order the console lists them. */
    public static final List<CardType> FIXED = Arrays.stream(CrmEntity.values()).map(CardType::of).toList();

    private static final String DYNAMIC_PREFIX = "DYNAMIC_";
    private static final Pattern DYNAMIC_KEY = Pattern.compile("DYNAMIC_([1-9]\\d{0,8})");
    private static final Pattern DYNAMIC_TAB = Pattern.compile("CRM_DYNAMIC_([1-9]\\d{0,8})_DETAIL_TAB");

    public CardType {
        if (fixed(entityTypeId).isEmpty() && !isSmartProcessId(entityTypeId)) {
            throw new IllegalArgumentException("No card tab for entity type " + entityTypeId);
        }
    }

    public static CardType of(CrmEntity entity) {
        return new CardType(entity.entityTypeId);
    }

    /** Bitrix24's {@code isPossibleDynamicTypeId}: 128–191, or an even id from 1030 on. */
    public static boolean isSmartProcessId(long id) {
        return (id >= 128 && id <= 191) || (id >= 1030 && id <= Integer.MAX_VALUE && id % 2 == 0);
    }

    /** The card type of an entity type id; empty for types without a tab of their own, such as smart documents. */
    public static Optional<CardType> ofEntityTypeId(int entityTypeId) {
        return fixed(entityTypeId).isPresent() || isSmartProcessId(entityTypeId)
                ? Optional.of(new CardType(entityTypeId)) : Optional.empty();
    }

    /** Reads a settings key: a {@link CrmEntity} name such as {@code LEAD}, or {@code DYNAMIC_1032}. */
    public static Optional<CardType> ofKey(String key) {
        Optional<CrmEntity> entity = Arrays.stream(CrmEntity.values()).filter(e -> e.name().equals(key)).findFirst();
        if (entity.isPresent()) {
            return entity.map(CardType::of);
        }
        return smartProcess(key == null ? null : DYNAMIC_KEY.matcher(key));
    }

    /** Reads a detail-tab placement code such as {@code CRM_DEAL_DETAIL_TAB} or {@code CRM_DYNAMIC_1032_DETAIL_TAB}. */
    public static Optional<CardType> ofPlacement(String placement) {
        Optional<CrmEntity> entity = CrmEntity.byPlacement(placement);
        if (entity.isPresent()) {
            return entity.map(CardType::of);
        }
        return smartProcess(placement == null ? null : DYNAMIC_TAB.matcher(placement));
    }

    private static Optional<CardType> smartProcess(Matcher match) {
        if (match == null || !match.matches()) {
            return Optional.empty();
        }
        long id = Long.parseLong(match.group(1));
        return isSmartProcessId(id) ? Optional.of(new CardType((int) id)) : Optional.empty();
    }

    private static Optional<CrmEntity> fixed(int entityTypeId) {
        return Arrays.stream(CrmEntity.values()).filter(e -> e.entityTypeId == entityTypeId).findFirst();
    }

    public boolean isSmartProcess() {
        return fixed(entityTypeId).isEmpty();
    }

    /** How the settings store this card, e.g. {@code LEAD} or {@code DYNAMIC_1032}. */
    public String key() {
        return fixed(entityTypeId).map(Enum::name).orElse(DYNAMIC_PREFIX + entityTypeId);
    }

    /** The card's detail-tab placement code. */
    public String placement() {
        return fixed(entityTypeId).map(e -> e.placement).orElse("CRM_" + DYNAMIC_PREFIX + entityTypeId + "_DETAIL_TAB");
    }
}
