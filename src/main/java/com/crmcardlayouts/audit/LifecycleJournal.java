package com.crmcardlayouts.audit;

import com.crmcardlayouts.portal.PortalEvents;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Writes installs, reinstalls, updates, uninstalls, replaced application tokens and refused or unconfirmed lifecycle
 * events into the portal's journal.
 */
@ApplicationScoped
class LifecycleJournal {

    /** Outcome of a refused event: the page API's word for a request that could not be verified. */
    static final String REFUSED = "UNAUTHORIZED";
    /** Outcome of an event the OAuth server could not be asked about: the page API's word for Bitrix24 being unreachable. */
    static final String UNCONFIRMED = "BITRIX24_UNAVAILABLE";

    private final AuditJournal journal;

    LifecycleJournal(AuditJournal journal) {
        this.journal = journal;
    }

    void record(@Observes PortalEvents.Lifecycle change) {
        AuditEntry entry = new AuditEntry();
        entry.portalId = change.portalId();
        entry.actorUserId = change.userId();
        entry.action = "APP_" + change.change().name();
        entry.outcome = switch (change.change()) {
            case EVENT_REFUSED -> REFUSED;
            case EVENT_UNCONFIRMED -> UNCONFIRMED;
            default -> AuditEntry.SUCCESS;
        };
        entry.detail = change.detail();
        journal.record(entry);
    }
}
