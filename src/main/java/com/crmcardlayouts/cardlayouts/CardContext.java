package com.crmcardlayouts.cardlayouts;

import com.crmcardlayouts.bitrix24.EntityType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.Optional;

/**
 * The card a detail tab was opened on, read from the placement request.
 *
 * @param itemId the CRM item's id from {@code PLACEMENT_OPTIONS.ID}, e.g. {@code 42}; empty when missing or odd
 */
public record CardContext(EntityType entityType, Optional<Long> itemId) {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_OPTIONS_LENGTH = 8192;

    /** Empty when the placement is not a CRM detail tab the app serves. */
    public static Optional<CardContext> of(String placement, String placementOptions) {
        return EntityType.ofPlacement(placement).map(type -> new CardContext(type, itemId(placementOptions)));
    }

    /**
     * {@code PLACEMENT_OPTIONS} is an untrusted JSON string such as {@code {"ID":"42"}}; Bitrix24 has
     * sent other shapes over the years (even the literal {@code undefined}), so anything unexpected
     * simply means "no item".
     */
    static Optional<Long> itemId(String placementOptions) {
        if (placementOptions == null || placementOptions.isBlank() || placementOptions.length() > MAX_OPTIONS_LENGTH) {
            return Optional.empty();
        }
        try {
            JsonNode id = JSON.readTree(placementOptions).path("ID");
            String text = id.isIntegralNumber() || id.isTextual() ? id.asText().trim() : "";
            if (!text.matches("[1-9]\\d{0,17}")) {
                return Optional.empty();
            }
            return Optional.of(Long.parseLong(text));
        } catch (java.io.IOException e) {
            return Optional.empty();
        }
    }
}
