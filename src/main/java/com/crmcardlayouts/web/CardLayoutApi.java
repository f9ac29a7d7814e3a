package com.crmcardlayouts.web;

import com.crmcardlayouts.cardlayouts.CardLayoutService;
import com.crmcardlayouts.cardlayouts.LayoutRequest;
import com.crmcardlayouts.cardlayouts.LayoutRequestReader;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import org.jboss.resteasy.reactive.RestHeader;

import java.util.Map;

/** The card tab's JSON API (CONTRACT §3): input is checked first, then the session, then the service decides. */
@Path("/api/card-layouts")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class CardLayoutApi {

    private final CardLayoutService service;
    private final SessionGuard guard;

    public CardLayoutApi(CardLayoutService service, SessionGuard guard) {
        this.service = service;
        this.guard = guard;
    }

    @POST
    @Path("/reset")
    public Map<String, Object> reset(@RestHeader(HttpHeaders.AUTHORIZATION) String authorization, byte[] body) {
        return perform(authorization, LayoutRequestReader.reset(body));
    }

    @POST
    @Path("/force-common")
    public Map<String, Object> forceCommon(@RestHeader(HttpHeaders.AUTHORIZATION) String authorization, byte[] body) {
        return perform(authorization, LayoutRequestReader.forceCommon(body));
    }

    /** The session's check and the action's reads share one short transaction; the Bitrix24 request comes after it. */
    private Map<String, Object> perform(String authorization, LayoutRequest request) {
        CardLayoutService.Prepared prepared = QuarkusTransaction.requiringNew()
                .call(() -> service.prepare(guard.require(authorization).caller(), request));
        return Map.of("result", true, "auditId", service.perform(prepared));
    }
}
