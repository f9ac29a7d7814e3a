package com.crmcardlayouts.lifecycle;

import com.crmcardlayouts.bindings.Bindings;
import com.crmcardlayouts.portal.DatabaseOutage;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;

import java.util.Map;

/**
 * Receives Bitrix24's application events: 200 when verified (or a harmless duplicate), 401 otherwise;
 * 202 when the database is unreachable and the event is kept to be verified and handled once it is
 * back (Bitrix24 never sends an event again, whatever the answer), and for an {@code ONAPPUNINSTALL}
 * still being verified when Bitrix24's wait runs out.
 */
@Path(Bindings.EVENTS_PATH)
public class EventResource {

    private final EventHandler handler;
    private final DeferredEvents deferred;

    public EventResource(EventHandler handler, DeferredEvents deferred) {
        this.handler = handler;
        this.deferred = deferred;
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.APPLICATION_JSON)
    public Response receive(MultivaluedMap<String, String> form) {
        AppEvent event = AppEvent.of(form);
        EventHandler.Outcome outcome;
        try {
            outcome = handler.handle(event);
        } catch (RuntimeException e) {
            if (!DatabaseOutage.isCause(e)) {
                throw e;
            }
            return deferred.keep(event)
                    ? Response.accepted(Map.of("result", true)).build()
                    : Response.status(503).header(HttpHeaders.RETRY_AFTER, "30").entity(Map.of("error", "UNAVAILABLE",
                    "message", "The app's database is unavailable and no more events can be kept; the event was not handled.")).build();
        }
        return switch (outcome) {
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
