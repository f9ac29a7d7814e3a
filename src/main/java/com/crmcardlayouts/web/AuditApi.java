package com.crmcardlayouts.web;

import com.crmcardlayouts.audit.AuditJournal;
import com.crmcardlayouts.requests.Refusal;
import com.crmcardlayouts.requests.Refused;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import org.jboss.resteasy.reactive.RestHeader;

import java.util.Locale;

/** One page of the audit journal as an HTML fragment the console swaps in; portal administrators only. */
@Path("/api/audit")
public class AuditApi {

    private static final String PAGE = "page";

    private final AuditJournal journal;
    private final SessionGuard guard;

    public AuditApi(AuditJournal journal, SessionGuard guard) {
        this.journal = journal;
        this.guard = guard;
    }

    /** {@code page} counts from 1 and defaults to it; read as text, so that {@code page=abc} is a 400 and not JAX-RS's 404. */
    @GET
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance page(@RestHeader(HttpHeaders.AUTHORIZATION) String authorization, @QueryParam(PAGE) String page) {
        int number = pageNumber(page);
        AppSession session = guard.requireAdmin(authorization);
        return ConsolePage.Templates.console$journal(journal.page(session.caller().portalId(), number))
                .setLocale(Locale.forLanguageTag(session.lang()));
    }

    private static int pageNumber(String page) {
        if (page == null) {
            return 1;
        }
        if (!page.matches("[1-9][0-9]*")) {
            throw new Refused(Refusal.PAGE_INVALID, PAGE);
        }
        // Compared as text first: a number too long for an int is out of range too, not a crash.
        if (page.length() > 9 || Integer.parseInt(page) > AuditJournal.LAST_PAGE) {
            throw new Refused(Refusal.PAGE_OUT_OF_RANGE, PAGE);
        }
        return Integer.parseInt(page);
    }
}
