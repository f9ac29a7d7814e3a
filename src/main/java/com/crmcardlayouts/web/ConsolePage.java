package com.crmcardlayouts.web;

import com.crmcardlayouts.audit.AuditPage;
import com.crmcardlayouts.admin.ConsoleService;
import com.crmcardlayouts.admin.ConsoleState;
import com.crmcardlayouts.bitrix24.Bitrix24Client;
import com.crmcardlayouts.bitrix24.Bitrix24Exception;
import com.crmcardlayouts.bitrix24.CardType;
import com.crmcardlayouts.bitrix24.Deadline;
import com.crmcardlayouts.cardlayouts.ViewerRights;
import com.crmcardlayouts.bindings.Bindings;
import com.crmcardlayouts.frame.FrameRejected;
import com.crmcardlayouts.frame.FrameRequest;
import com.crmcardlayouts.frame.FrameVerifier;
import com.crmcardlayouts.lifecycle.Installer;
import com.crmcardlayouts.frame.VerifiedFrame;
import com.crmcardlayouts.requests.Caller;
import com.crmcardlayouts.portal.Portal;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;

import java.util.List;

/** The app's own page ({@code PLACEMENT=DEFAULT}): the console for portal administrators, a short explanation for others. */
@Path(Bindings.APP_PATH)
public class ConsolePage {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance console(ConsoleState state, List<CardType> fixedTabs, String session);

        static native TemplateInstance console$journal(AuditPage journal);

        static native TemplateInstance about(String session);
    }

    private final FrameVerifier verifier;
    private final Installer installer;
    private final ViewerRights rights;
    private final ConsoleService console;
    private final AppSessions sessions;
    private final PageResponses responses;
    private final Bitrix24Client client;

    public ConsolePage(FrameVerifier verifier, Installer installer, ViewerRights rights, ConsoleService console,
                       AppSessions sessions, PageResponses responses, Bitrix24Client client) {
        this.verifier = verifier;
        this.installer = installer;
        this.rights = rights;
        this.console = console;
        this.sessions = sessions;
        this.responses = responses;
        this.client = client;
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    public Response open(@QueryParam("LANG") String lang, MultivaluedMap<String, String> form) {
        FrameRequest request = FrameRequest.of(lang, form);
        VerifiedFrame frame = verifier.verify(request);
        // CONTRACT §5: on a portal the app does not serve, an administrator registers it as an install
        // would; the install has then already established that the viewer is an administrator.
        boolean served = frame.portal().filter(Portal::isInstalled).isPresent();
        // One deadline for a missed install or the administrator check, and everything the console then asks Bitrix24.
        Deadline deadline = client.deadline();
        Portal portal = served ? verifier.requireInstalled(frame) : installer.install(frame, deadline).portal();
        if (served && !isPortalAdmin(portal, frame, deadline)) {
            // The console does not ask for CRM rights; the session claims none, so the page API can only narrow.
            String session = sessions.issue(new Caller(portal.id, frame.userId(), false, false), portal, request.lang());
            return responses.page(Templates.about(session), request.locale(), portal.origin());
        }
        // Bitrix24 treats portal administrators as CRM settings managers, so no CRM-rights probe is needed.
        String session = sessions.issue(new Caller(portal.id, frame.userId(), true, true), portal, request.lang());
        TemplateInstance page = Templates.console(console.open(portal, frame.userId(), deadline), CardType.FIXED,
                session);
        return responses.page(page, request.locale(), portal.origin());
    }

    /** Only administrators get the console; the page needs nothing else about the viewer. */
    private boolean isPortalAdmin(Portal portal, VerifiedFrame frame, Deadline deadline) {
        try {
            return rights.isPortalAdmin(portal.id, frame.userId(), deadline);
        } catch (Bitrix24Exception e) {
            throw FrameRejected.of(e, frame.request().lang());
        }
    }
}
