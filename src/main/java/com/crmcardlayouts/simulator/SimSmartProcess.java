package com.crmcardlayouts.simulator;

import java.util.Set;

/**
 * A smart process (user-defined CRM type) of a simulated portal.
 *
 * @param id           the type's own id, as {@code crm.type.list} reports it, e.g. {@code 1}
 * @param entityTypeId its CRM entity type id, e.g. {@code 1032}
 * @param title        what people call it, e.g. {@code Projects}
 * @param categories   its category (funnel) ids
 */
public record SimSmartProcess(int id, int entityTypeId, String title, Set<Integer> categories) {

    public SimSmartProcess {
        categories = Set.copyOf(categories);
    }
}
