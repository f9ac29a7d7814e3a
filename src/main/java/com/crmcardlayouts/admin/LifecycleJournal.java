package com.crmcardlayouts.admin;

import com.crmcardlayouts.portal.PortalEvents;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/** Writes installs, reinstalls, updates, uninstalls and refused lifecycle events into the portal's journal. */
@ApplicationScoped
class LifecycleJournal {

    /** Outcome of a refused event: the page API's word for a request that could not be verified. */
    static final String REFUSED = "UNAUTHORIZED";

    private final AuditJournal journal;

    LifecycleJournal(AuditJournal journal) {
        this.journal = journal;
    }

    void record(@Observes PortalEvents.Lifecycle change) {
        AuditEntry entry = new AuditEntry();
        entry.portalId = change.portalId();
        entry.actorUserId = change.userId();
        entry.action = "APP_" + change.change().name();
        entry.outcome = change.change() == PortalEvents.Change.EVENT_REFUSED ? REFUSED : AuditEntry.SUCCESS;
        entry.detail = change.detail();
        journal.record(entry);
    }
}
