package com.crmcardlayouts.web;

import com.crmcardlayouts.bitrix24.CardType;
import com.crmcardlayouts.bindings.Bindings;
import com.crmcardlayouts.frame.FrameRequest;
import com.crmcardlayouts.lifecycle.Installer;
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

/** The installer page Bitrix24 opens for the installing administrator. */
@Path(Bindings.INSTALL_PATH)
public class InstallPage {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance installed(List<CardType> tabs, List<String> events, String session);
    }

    private final Installer installer;
    private final AppSessions sessions;
    private final PageResponses responses;

    public InstallPage(Installer installer, AppSessions sessions, PageResponses responses) {
        this.installer = installer;
        this.sessions = sessions;
        this.responses = responses;
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    public Response install(@QueryParam("LANG") String lang, MultivaluedMap<String, String> form) {
        FrameRequest request = FrameRequest.of(lang, form);
        Installer.Result result = installer.install(request);
        Portal portal = result.portal();
        // The installer is a portal administrator, whom Bitrix24 treats as a CRM settings manager too.
        String session = sessions.issue(new Caller(portal.id, result.adminUserId(), true, true), portal, request.lang());
        TemplateInstance page = Templates.installed(result.tabs(), Bindings.EVENTS, session);
        return responses.page(page, request.locale(), portal.origin());
    }
}
