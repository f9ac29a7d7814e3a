package com.crmcardlayouts.bitrix24;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Which events the portal sends to the app: {@code event.get}, {@code event.bind}, {@code event.unbind}; an administrator's token. */
public final class EventBindings {

    /**
     * @param event   upper case, e.g. {@code ONAPPUNINSTALL}
     * @param handler e.g. {@code https://app.example.com/events}
     */
    public record Binding(String event, String handler) {
    }

    private EventBindings() {
    }

    public static Operation<List<Binding>> bound() {
        return Operation.of("event.get", Map.of(), reply -> {
            List<Binding> bindings = new ArrayList<>();
            for (JsonNode row : reply.result()) {
                bindings.add(new Binding(row.path("event").asText().toUpperCase(Locale.ROOT), row.path("handler").asText()));
            }
            return bindings;
        });
    }

    /** A binding already there counts as done. */
    public static Operation<Boolean> bind(Binding binding) {
        return Operation.of("event.bind", Map.of("EVENT", binding.event(), "HANDLER", binding.handler()), reply -> true)
                .recovering(Placements::alreadyBound);
    }

    public static Operation<Boolean> unbind(Binding binding) {
        return Operation.of("event.unbind", Map.of("EVENT", binding.event(), "HANDLER", binding.handler()), reply -> true);
    }
}
