package com.crmcardlayouts.audit;

import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.util.List;

/** Writes and pages the journal of everything the app did or tried on a portal. */
@ApplicationScoped
public class AuditJournal {

    public static final int PAGE_SIZE = 20;
    /** The last page whose rows an {@code int} offset still reaches; a higher one would overflow it. */
    public static final int LAST_PAGE = Integer.MAX_VALUE / PAGE_SIZE;
    private static final int DETAIL_LENGTH = 1000;

    /** Stores the entry and returns its id. */
    @Transactional
    public long record(AuditEntry entry) {
        if (entry.detail != null && entry.detail.length() > DETAIL_LENGTH) {
            entry.detail = entry.detail.substring(0, DETAIL_LENGTH);
        }
        entry.persist();
        return entry.id;
    }

    /** Page {@code page} (from 1 to {@link #LAST_PAGE}) of the portal's journal, newest first. */
    @Transactional
    public AuditPage page(long portalId, int page) {
        int index = Math.max(page, 1) - 1;
        int first = index * PAGE_SIZE;
        // One row more than shown tells whether a next page exists.
        List<AuditEntry> rows = AuditEntry.<AuditEntry>find("portalId", Sort.descending("id"), portalId)
                .range(first, first + PAGE_SIZE).list();
        boolean hasNext = rows.size() > PAGE_SIZE;
        return new AuditPage((hasNext ? rows.subList(0, PAGE_SIZE) : rows).stream().map(JournalLine::of).toList(), index + 1, hasNext);
    }
}
