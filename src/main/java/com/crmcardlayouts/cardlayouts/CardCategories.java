package com.crmcardlayouts.cardlayouts;

import com.crmcardlayouts.bitrix24.Bitrix24Client;
import com.crmcardlayouts.bitrix24.Bitrix24Exception;
import com.crmcardlayouts.bitrix24.Deadline;
import com.fasterxml.jackson.databind.JsonNode;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.util.Map;
import java.util.Optional;

/** Finds which funnel or category the open card is in, so the tab can offer exactly that layout. */
@ApplicationScoped
public class CardCategories {

    private static final Logger LOG = Logger.getLogger(CardCategories.class);

    private final Bitrix24Client client;

    public CardCategories(Bitrix24Client client) {
        this.client = client;
    }

    /**
     * The card's {@code categoryId} read with the viewer's token; empty when the type has no
     * categories, the item is unknown or Bitrix24 does not say (the tab then asks for it).
     */
    public Optional<Integer> of(long portalId, long userId, CardContext card, Deadline deadline) {
        if (!card.entityType().acceptsCategory() || card.itemId().isEmpty()) {
            return Optional.empty();
        }
        try {
            JsonNode item = client.call(portalId, userId, "crm.item.get",
                    Map.of("entityTypeId", card.entityType().id(), "id", card.itemId().get()), deadline).path("item");
            int category = item.path("categoryId").asInt(-1);
            return category >= 0 ? Optional.of(category) : Optional.empty();
        } catch (Bitrix24Exception e) {
            LOG.debugf("The category of item %d could not be read: %s", card.itemId().get(), e.getMessage());
            return Optional.empty();
        }
    }
}
