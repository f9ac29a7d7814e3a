package com.crmcardlayouts.settings;

import com.crmcardlayouts.bitrix24.CardType;
import com.crmcardlayouts.requests.JsonInput;
import com.crmcardlayouts.requests.Refusal;
import com.crmcardlayouts.requests.Refused;
import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reads {@code {"tabs": ["LEAD", "DYNAMIC_1032"], "nonAdminsMayUse": true, "usersMayResetOwn": false}}, every
 * field required. Whether a smart process exists is the portal's to say, when the settings are saved.
 */
public final class SettingsReader {

    static final String TABS = "tabs";
    static final String NON_ADMINS_MAY_USE = "nonAdminsMayUse";
    static final String USERS_MAY_RESET_OWN = "usersMayResetOwn";

    private SettingsReader() {
    }

    public static Settings read(byte[] body) {
        JsonInput input = JsonInput.parse(body, Set.of(TABS, NON_ADMINS_MAY_USE, USERS_MAY_RESET_OWN));
        JsonNode names = input.array(TABS, Refusal.TABS_INVALID).orElseThrow(() -> new Refused(Refusal.FIELD_MISSING, TABS));
        List<CardType> tabs = new ArrayList<>();
        for (JsonNode key : names) {
            CardType card = (key.isTextual() ? CardType.ofKey(key.textValue()) : Optional.<CardType>empty())
                    .orElseThrow(() -> new Refused(Refusal.TABS_INVALID, TABS));
            if (!tabs.contains(card)) {
                tabs.add(card);
            }
        }
        return new Settings(tabs, input.requiredBoolean(NON_ADMINS_MAY_USE), input.requiredBoolean(USERS_MAY_RESET_OWN));
    }
}
