package com.crmcardlayouts.cardlayouts;

import com.crmcardlayouts.admin.Settings;
import com.crmcardlayouts.admin.SettingsService;
import com.crmcardlayouts.bitrix24.Bitrix24Client;
import com.crmcardlayouts.bitrix24.Bitrix24Exception;
import com.crmcardlayouts.bitrix24.CardType;
import com.crmcardlayouts.bitrix24.Deadline;
import com.crmcardlayouts.pageapi.Caller;
import com.fasterxml.jackson.databind.JsonNode;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Works out what the card tab offers a viewer: their rights, the portal's settings and the card's category. */
@ApplicationScoped
public class CardTabs {

    private final SettingsService settings;
    private final ViewerRights rights;
    private final CardCategories categories;
    private final Bitrix24Client client;

    public CardTabs(SettingsService settings, ViewerRights rights, CardCategories categories, Bitrix24Client client) {
        this.settings = settings;
        this.rights = rights;
        this.categories = categories;
        this.client = client;
    }

    /**
     * @return empty when the portal lets only layout managers use the tab and this viewer is none
     * @throws TabSwitchedOff    when the portal's settings switch the tab off for this card
     * @throws Bitrix24Exception when Bitrix24 cannot say who the viewer is
     */
    public Optional<CardTab> open(long portalId, long userId, CardContext card) {
        Settings current = settings.forPortal(portalId);
        Optional<CardType> switchedOff = card.entityType().cardType().filter(tab -> !current.showsTab(tab));
        if (switchedOff.isPresent()) {
            throw new TabSwitchedOff(switchedOff.get());
        }
        // One deadline for every Bitrix24 call that opening the tab takes.
        Deadline deadline = client.deadline();
        Caller caller = rights.of(portalId, userId, card.entityType(), deadline);
        if (!current.admits(caller)) {
            return Optional.empty();
        }
        boolean mayResetOwn = current.letsResetOwn(caller);
        List<Colleague> colleagues = caller.managesLayouts() ? colleagues(portalId, userId, deadline) : List.of();
        return Optional.of(new CardTab(caller, card, categories.of(portalId, userId, card, deadline), mayResetOwn, colleagues));
    }

    /** The first page of active users ({@code user.get} pages by 50); the tab also takes a typed user id. */
    private List<Colleague> colleagues(long portalId, long userId, Deadline deadline) {
        try {
            List<Colleague> found = new ArrayList<>();
            for (JsonNode user : client.call(portalId, userId, "user.get", Map.of("FILTER", Map.of("ACTIVE", true)), deadline)) {
                long id = user.path("ID").asLong(0);
                String name = (user.path("NAME").asText("") + " " + user.path("LAST_NAME").asText("")).trim();
                if (id > 0) {
                    found.add(new Colleague(id, name.isEmpty() ? "#" + id : name));
                }
            }
            return found;
        } catch (Bitrix24Exception e) {
            return List.of();
        }
    }
}
