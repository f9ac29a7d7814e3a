package com.crmcardlayouts.web;

import com.crmcardlayouts.bitrix24.Bitrix24Exception;
import com.crmcardlayouts.cardlayouts.CardContext;
import com.crmcardlayouts.cardlayouts.CardTab;
import com.crmcardlayouts.cardlayouts.CardTabs;
import com.crmcardlayouts.cardlayouts.TabSwitchedOff;
import com.crmcardlayouts.bindings.Bindings;
import com.crmcardlayouts.frame.FrameRejected.Reason;
import com.crmcardlayouts.frame.FrameRejected;
import com.crmcardlayouts.frame.FrameRequest;
import com.crmcardlayouts.frame.FrameVerifier;
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

import java.util.Optional;

/** The "Card layout" tab Bitrix24 opens on CRM detail cards ({@code CRM_*_DETAIL_TAB}). */
@Path(Bindings.PLACEMENT_PATH)
public class PlacementPage {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance tab(CardTab tab, String session);

        static native TemplateInstance unavailable(String session);
    }

    private final FrameVerifier verifier;
    private final CardTabs tabs;
    private final AppSessions sessions;
    private final PageResponses responses;

    public PlacementPage(FrameVerifier verifier, CardTabs tabs, AppSessions sessions, PageResponses responses) {
        this.verifier = verifier;
        this.tabs = tabs;
        this.sessions = sessions;
        this.responses = responses;
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    public Response open(@QueryParam("LANG") String lang, MultivaluedMap<String, String> form) {
        FrameRequest request = FrameRequest.of(lang, form);
        VerifiedFrame frame = verifier.verify(request);
        Portal portal = verifier.requireInstalled(frame);
        CardContext card = CardContext.of(request.placement(), request.placementOptions())
                .orElseThrow(() -> new FrameRejected(Reason.INCOMPLETE_REQUEST, request.lang()));
        Optional<CardTab> tab = open(portal, frame, card);
        if (tab.isEmpty()) {
            // Only viewers who manage no layouts are kept out, so the session names no rights.
            String session = sessions.issue(new Caller(portal.id, frame.userId(), false, false), portal, request.lang());
            return responses.page(Templates.unavailable(session), request.locale(), portal.origin());
        }
        String session = sessions.issue(tab.get().caller(), portal, request.lang());
        return responses.page(Templates.tab(tab.get(), session), request.locale(), portal.origin());
    }

    private Optional<CardTab> open(Portal portal, VerifiedFrame frame, CardContext card) {
        String lang = frame.request().lang();
        try {
            return tabs.open(portal.id, frame.userId(), card);
        } catch (TabSwitchedOff e) {
            throw new FrameRejected(Reason.TAB_DISABLED, lang);
        } catch (Bitrix24Exception e) {
            throw FrameRejected.of(e, lang);
        }
    }
}
