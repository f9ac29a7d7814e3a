package com.crmcardlayouts.lifecycle;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;

import java.util.Map;

/**
 * Receives Bitrix24's application events: 200 when verified (or a harmless duplicate), 401 otherwise;
 * 202 for an {@code ONAPPUNINSTALL} still being verified when Bitrix24's wait runs out.
 */
@Path(Bindings.EVENTS_PATH)
public class EventResource {

    private final EventHandler handler;

    public EventResource(EventHandler handler) {
        this.handler = handler;
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.APPLICATION_JSON)
    public Response receive(MultivaluedMap<String, String> form) {
        return switch (handler.handle(AppEvent.of(form))) {
            case ACCEPTED, IGNORED -> Response.ok(Map.of("result", true)).build();
            case VERIFYING -> Response.accepted(Map.of("result", true, "status", "VERIFYING",
                    "message", "The event is being verified with the Bitrix24 OAuth server; it is acted on once that answers.")).build();
            case UNVERIFIED -> Response.status(401).entity(Map.of("error", "UNAUTHORIZED",
                    "message", "The event could not be verified; nothing was changed.")).build();
            case OAUTH_UNAVAILABLE -> Response.status(503).entity(Map.of("error", "BITRIX24_UNAVAILABLE",
                    "message", "The Bitrix24 OAuth server could not be reached to verify the event.")).build();
        };
    }
}
