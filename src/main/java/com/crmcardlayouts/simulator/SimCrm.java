package com.crmcardlayouts.simulator;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A simulated portal's CRM items and deal funnels: which funnel or category each item is in. Starts
 * with the items the simulator's cards show: leads 1 and 2, deals 1 (funnel 0) and 2 (funnel 3),
 * contact 1, company 1, and item 1 of the smart process in category 5.
 */
public final class SimCrm {

    /**
     * A funnel or category.
     *
     * @param id e.g. {@code 3}
     */
    public record Category(int id, String name, boolean isDefault) {
    }

    private record Key(int entityTypeId, long id) {
    }

    private static final List<Category> DEAL_FUNNELS = List.of(new Category(0, "General", true), new Category(3, "Resellers", false));

    private final Map<Key, Integer> items = new ConcurrentHashMap<>(Map.of(
            new Key(CrmEntityTypes.LEAD, 1), 0, new Key(CrmEntityTypes.LEAD, 2), 0,
            new Key(CrmEntityTypes.DEAL, 1), 0, new Key(CrmEntityTypes.DEAL, 2), 3,
            new Key(CrmEntityTypes.CONTACT, 1), 0, new Key(CrmEntityTypes.COMPANY, 1), 0,
            new Key(SimPortal.SMART_PROCESS_ID, 1), 5));

    /** Adds (or moves) an item, e.g. deal 42 in funnel 3. */
    public void putItem(int entityTypeId, long id, int categoryId) {
        items.put(new Key(entityTypeId, id), categoryId);
    }

    /** The item's funnel or category; empty when there is no such item. */
    public Optional<Integer> categoryOf(int entityTypeId, long id) {
        return Optional.ofNullable(items.get(new Key(entityTypeId, id)));
    }

    public List<Category> dealFunnels() {
        return DEAL_FUNNELS;
    }
}
