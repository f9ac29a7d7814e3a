package com.crmcardlayouts.bitrix24;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Where the portal shows the app: {@code placement.get}, {@code placement.bind}, {@code placement.unbind}; an administrator's token. */
public final class Placements {

    /**
     * One placement bound to a handler.
     *
     * @param placement e.g. {@code CRM_DEAL_DETAIL_TAB}
     * @param handler   e.g. {@code https://app.example.com/placement}
     */
    public record Binding(String placement, String handler) {
    }

    private Placements() {
    }

    /** What this app has bound on the portal. */
    public static Operation<List<Binding>> bound() {
        return Operation.of("placement.get", Map.of(), reply -> {
            List<Binding> bindings = new ArrayList<>();
            for (JsonNode row : reply.result()) {
                bindings.add(new Binding(row.path("placement").asText(), row.path("handler").asText()));
            }
            return bindings;
        });
    }

    /**
     * Binds the handler with its title in each language; a binding already there counts as done (two
     * administrators installing at once may both find it missing).
     *
     * @param titles by language, e.g. {@code en → Card layout}; the English one is the default title
     */
    public static Operation<Boolean> bind(Binding binding, Map<String, String> titles) {
        Map<String, Object> langAll = new LinkedHashMap<>();
        titles.forEach((lang, title) -> langAll.put(lang, Map.of("TITLE", title)));
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("PLACEMENT", binding.placement());
        params.put("HANDLER", binding.handler());
        params.put("TITLE", titles.getOrDefault("en", titles.values().iterator().next()));
        params.put("LANG_ALL", langAll);
        return Operation.of("placement.bind", params, reply -> true).recovering(Placements::alreadyBound);
    }

    public static Operation<Boolean> unbind(Binding binding) {
        return Operation.of("placement.unbind", Map.of("PLACEMENT", binding.placement(), "HANDLER", binding.handler()),
                reply -> true);
    }

    /** Bitrix24's answer to a duplicate {@code placement.bind} or {@code event.bind}: ERROR_CORE "Handler already binded". */
    static Optional<Boolean> alreadyBound(Bitrix24Exception e) {
        return "ERROR_CORE".equals(e.code()) && e.description().contains("already binded") ? Optional.of(true) : Optional.empty();
    }
}
