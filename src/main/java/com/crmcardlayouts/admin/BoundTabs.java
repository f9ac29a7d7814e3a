package com.crmcardlayouts.admin;

import com.crmcardlayouts.bitrix24.Bitrix24Client;
import com.crmcardlayouts.bitrix24.Bitrix24Exception;
import com.crmcardlayouts.bitrix24.CardType;
import com.crmcardlayouts.config.AppConfig;
import com.crmcardlayouts.lifecycle.Bindings;
import com.fasterxml.jackson.databind.JsonNode;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Asks Bitrix24 which of the app's card tabs are bound right now, for the console. */
@ApplicationScoped
public class BoundTabs {

    private final Bitrix24Client client;
    private final AppConfig config;

    public BoundTabs(Bitrix24Client client, AppConfig config) {
        this.client = client;
        this.config = config;
    }

    /** Empty when Bitrix24 does not answer; {@code placement.get} needs an administrator's token. */
    public Optional<List<CardType>> of(long portalId, long adminUserId) {
        String handler = config.publicBase() + Bindings.PLACEMENT_PATH;
        try {
            List<CardType> bound = new ArrayList<>();
            for (JsonNode row : client.call(portalId, adminUserId, "placement.get", Map.of())) {
                if (handler.equals(row.path("handler").asText())) {
                    CardType.ofPlacement(row.path("placement").asText()).filter(card -> !bound.contains(card)).ifPresent(bound::add);
                }
            }
            return Optional.of(bound);
        } catch (Bitrix24Exception e) {
            return Optional.empty();
        }
    }
}
