package com.crmcardlayouts.bitrix24;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The portal's CRM types and their categories ({@code crm.type.list}, {@code crm.category.list}, {@code crm.item.get}). */
public final class CrmTypes {

    /**
     * A smart process.
     *
     * @param entityTypeId e.g. {@code 1032}
     * @param title        e.g. {@code Deliveries}
     */
    public record SmartProcess(int entityTypeId, String title) {
    }

    /**
     * A funnel or category of a type.
     *
     * @param id        e.g. {@code 5}
     * @param name      e.g. {@code Wholesale}
     * @param isDefault the one new items land in
     */
    public record Category(int id, String name, boolean isDefault) {
    }

    private CrmTypes() {
    }

    /** A page of the portal's smart processes, starting at row {@code start}; needs a CRM administrator. */
    public static Operation<Page<SmartProcess>> smartProcesses(int start) {
        return Operation.of("crm.type.list", Map.of("start", start), reply -> {
            List<SmartProcess> found = new ArrayList<>();
            for (JsonNode type : reply.result().path("types")) {
                int id = type.path("entityTypeId").asInt();
                if (EntityType.of(id).filter(EntityType::isSmartProcess).isPresent()) {
                    found.add(new SmartProcess(id, type.path("title").asText()));
                }
            }
            return new Page<>(found, Optional.ofNullable(reply.next()), Optional.ofNullable(reply.total()));
        });
    }

    /** The categories (funnels) of a type. */
    public static Operation<List<Category>> categories(EntityType type) {
        return Operation.of("crm.category.list", Map.of("entityTypeId", type.id()), reply -> {
            List<Category> found = new ArrayList<>();
            for (JsonNode category : reply.result().path("categories")) {
                found.add(new Category(category.path("id").asInt(), category.path("name").asText(),
                        "Y".equals(category.path("isDefault").asText()) || category.path("isDefault").asBoolean(false)));
            }
            return found;
        });
    }

    /** The funnel or category an item is in; empty when Bitrix24 does not say. */
    public static Operation<Optional<Integer>> categoryOf(EntityType type, long itemId) {
        return Operation.of("crm.item.get", Map.of("entityTypeId", type.id(), "id", itemId), reply -> {
            int category = reply.result().path("item").path("categoryId").asInt(-1);
            return category >= 0 ? Optional.of(category) : Optional.empty();
        });
    }
}
