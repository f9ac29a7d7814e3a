package com.crmcardlayouts.admin;

import com.crmcardlayouts.audit.AuditPage;
import com.crmcardlayouts.settings.Settings;
import com.crmcardlayouts.settings.SmartProcess;
import com.crmcardlayouts.bitrix24.CardType;
import com.crmcardlayouts.portal.PortalStatus;

import java.util.List;
import java.util.Optional;

/**
 * What the admin console shows.
 *
 * @param portal         what the console says about the portal itself
 * @param boundTabs      the tabs Bitrix24 reports as bound to the app, empty when it did not answer
 * @param smartProcesses the portal's smart processes, empty when Bitrix24 did not answer
 */
public record ConsoleState(PortalFacts portal, Settings settings, Optional<List<CardType>> boundTabs,
                           Optional<List<SmartProcess>> smartProcesses, AuditPage journal) {

    /** The portal as the console names it: never the stored row with its application token. */
    public record PortalFacts(String domain, PortalStatus status) {
    }

    /** The smart process's own title; empty for the fixed cards and smart processes Bitrix24 did not name. */
    public String titleOf(CardType card) {
        return smartProcesses.orElse(List.of()).stream()
                .filter(process -> process.card().equals(card))
                .map(SmartProcess::title)
                .findFirst()
                .orElse("");
    }
}
