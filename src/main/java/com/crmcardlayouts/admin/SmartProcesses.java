package com.crmcardlayouts.admin;

import com.crmcardlayouts.bitrix24.Bitrix24Client;
import com.crmcardlayouts.bitrix24.Bitrix24Exception;
import com.crmcardlayouts.bitrix24.CardType;
import com.crmcardlayouts.bitrix24.Deadline;
import com.fasterxml.jackson.databind.JsonNode;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Asks Bitrix24 which smart processes a portal has; {@code crm.type.list} needs a CRM administrator's token. */
@ApplicationScoped
public class SmartProcesses {

    /** {@code crm.type.list} answers at most this many types a call. */
    private static final int PAGE_SIZE = 50;
    private static final int MAX_PAGES = 20;

    private final Bitrix24Client client;

    public SmartProcesses(Bitrix24Client client) {
        this.client = client;
    }

    /** @throws Bitrix24Exception when Bitrix24 does not answer */
    public List<SmartProcess> of(long portalId, long adminUserId, Deadline deadline) {
        List<SmartProcess> found = new ArrayList<>();
        // Smart processes number in the tens; the bound only stops a portal that keeps answering full pages.
        for (int start = 0; start < MAX_PAGES * PAGE_SIZE; start += PAGE_SIZE) {
            JsonNode types = client.call(portalId, adminUserId, "crm.type.list", Map.of("start", start), deadline).path("types");
            for (JsonNode type : types) {
                CardType.ofEntityTypeId(type.path("entityTypeId").asInt())
                        .filter(CardType::isSmartProcess)
                        .ifPresent(card -> found.add(new SmartProcess(card, type.path("title").asText())));
            }
            if (types.size() < PAGE_SIZE) {
                return found;
            }
        }
        return found;
    }

    /** For the console, which still offers the fixed cards when Bitrix24 does not answer. */
    public Optional<List<SmartProcess>> ifAvailable(long portalId, long adminUserId, Deadline deadline) {
        try {
            return Optional.of(of(portalId, adminUserId, deadline));
        } catch (Bitrix24Exception e) {
            return Optional.empty();
        }
    }
}
