package com.crmcardlayouts.simulator.rest;

import com.crmcardlayouts.simulator.SimEventBinding;
import com.crmcardlayouts.simulator.SimPortal;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.arc.profile.IfBuildProfile;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** {@code event.bind}, {@code event.unbind} and {@code event.get}. */
@ApplicationScoped
@IfBuildProfile(anyOf = {"dev", "test", "demo"})
public class EventMethods implements RestMethods {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final Set<String> APP_EVENTS =
            Set.of("ONAPPINSTALL", "ONAPPUNINSTALL", "ONAPPUPDATE", "ONAPPPAYMENT", "ONAPPTEST");
    private static final List<String> CRM_ENTITIES = List.of("LEAD", "DEAL", "CONTACT", "COMPANY");
    private static final List<String> CRM_ACTIONS = List.of("ADD", "UPDATE", "DELETE");

    @Override
    public List<MethodSpec> methods() {
        return List.of(
                MethodSpec.global("event.bind", this::bind),
                MethodSpec.global("event.unbind", this::unbind),
                MethodSpec.global("event.get", this::get));
    }

    private static boolean known(String event, String scope) {
        if (APP_EVENTS.contains(event)) {
            return true;
        }
        boolean crm = List.of(scope.split(",")).contains("crm");
        return crm && CRM_ENTITIES.stream().anyMatch(entity -> CRM_ACTIONS.stream()
                .anyMatch(action -> event.equals("ONCRM" + entity + action)));
    }

    private static void requireApp(RestCall call) {
        if (!call.applicationContext()) {
            throw new RestError(403, "WRONG_AUTH_TYPE", "Current authorization type is denied for this method");
        }
    }

    /** The parsed common parameters of bind and unbind. */
    private record Request(String event, boolean offline, String handler, JsonNode authType) {
    }

    private static Request request(RestCall call) {
        Map<String, JsonNode> params = Php.upperCaseKeys(call.params());
        String event = Php.text(params.get("EVENT")).toUpperCase(Locale.ROOT);
        if (event.isEmpty()) {
            throw RestError.nullOrEmpty("EVENT");
        }
        String type = Php.text(params.get("EVENT_TYPE")).toLowerCase(Locale.ROOT);
        if (!type.isEmpty() && !type.equals("online") && !type.equals("offline")) {
            throw RestError.argument("Value must be one of {online|offline}", "EVENT_TYPE");
        }
        boolean offline = type.equals("offline");
        String handler = offline ? "" : Php.text(params.get("HANDLER"));
        if (!offline && handler.isEmpty()) {
            throw RestError.nullOrEmpty("HANDLER");
        }
        JsonNode authType = params.get("AUTH_TYPE");
        return new Request(event, offline, handler, Php.isSet(authType) ? authType : null);
    }

    private RestResult bind(RestCall call) {
        requireApp(call);
        Request request = request(call);
        if (!request.offline()) {
            HandlerUrls.check(request.handler());
        }
        boolean admin = call.restAdmin();
        long caller = call.caller().id();
        if (!admin && request.authType() != null && Php.toInt(request.authType()) != caller) {
            throw RestError.accessDenied("Event binding with AUTH_TYPE requires administrator access rights");
        }
        if (request.offline() && !admin) {
            throw RestError.accessDenied("Offline events binding requires administrator access rights");
        }
        if (!known(request.event(), call.scope())) {
            throw new RestError(400, "ERROR_EVENT_NOT_FOUND", "Event not found");
        }
        long userId = !admin ? caller : request.authType() != null ? Php.toInt(request.authType()) : 0;
        SimPortal portal = call.portal();
        synchronized (portal) {
            boolean duplicate = portal.eventBindings().stream().anyMatch(b -> b.event().equals(request.event())
                    && b.handler().equals(request.handler()) && b.userId() == userId && b.offline() == request.offline());
            if (duplicate) {
                throw new RestError(400, "ERROR_CORE", "Unable to set event handler: Handler already binded");
            }
            portal.addEventBinding(request.event(), request.handler(), userId, request.offline());
        }
        return RestResult.ofTrue();
    }

    private RestResult unbind(RestCall call) {
        requireApp(call);
        Request request = request(call);
        boolean admin = call.restAdmin();
        long caller = call.caller().id();
        JsonNode authType = request.authType();
        // For non-admins the server compares AUTH_TYPE strictly with the int user id: a form string never matches.
        if (!admin && authType != null && !(authType.isIntegralNumber() && authType.longValue() == caller)) {
            throw RestError.accessDenied("Event unbinding with AUTH_TYPE requires administrator access rights");
        }
        int deleted = call.portal().removeEventBindings(b -> b.event().equals(request.event())
                && b.offline() == request.offline()
                && (request.offline() || b.handler().equals(request.handler()))
                && (admin ? authType == null || b.userId() == Php.toInt(authType) : b.userId() == caller));
        return RestResult.of(JSON.objectNode().put("count", deleted));
    }

    private RestResult get(RestCall call) {
        requireApp(call);
        boolean admin = call.restAdmin();
        ArrayNode rows = JSON.arrayNode();
        for (SimEventBinding b : call.portal().eventBindings()) {
            if (!admin && b.userId() != call.caller().id()) {
                continue;
            }
            ObjectNode row = rows.addObject().put("event", b.event());
            if (b.offline()) {
                row.put("connector_id", "").put("offline", 1);
            } else {
                row.put("handler", b.handler()).put("auth_type", String.valueOf(b.userId())).put("offline", 0);
            }
        }
        return RestResult.of(rows);
    }
}
