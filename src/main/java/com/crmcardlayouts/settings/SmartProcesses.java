package com.crmcardlayouts.settings;

import com.crmcardlayouts.bitrix24.ActingUser;
import com.crmcardlayouts.bitrix24.Bitrix24Client;
import com.crmcardlayouts.bitrix24.Bitrix24Exception;
import com.crmcardlayouts.bitrix24.CardType;
import com.crmcardlayouts.bitrix24.CrmTypes;
import com.crmcardlayouts.bitrix24.Deadline;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Optional;

/** Asks Bitrix24 which smart processes a portal has; that needs a CRM administrator's token. */
@ApplicationScoped
public class SmartProcesses {

    /** Smart processes number in the tens; the bound only stops a portal that keeps answering full pages. */
    private static final int MAX_TYPES = 1000;

    private final Bitrix24Client client;

    public SmartProcesses(Bitrix24Client client) {
        this.client = client;
    }

    /** @throws Bitrix24Exception when Bitrix24 does not answer */
    public List<SmartProcess> of(long portalId, long adminUserId, Deadline deadline) {
        return client.everyPage(ActingUser.of(portalId, adminUserId), CrmTypes::smartProcesses, MAX_TYPES, deadline).stream()
                .map(type -> new SmartProcess(new CardType(type.entityTypeId()), type.title()))
                .toList();
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
