package com.crmcardlayouts.lifecycle;

import com.crmcardlayouts.bitrix24.Bitrix24Client;
import com.crmcardlayouts.bitrix24.Bitrix24Exception;
import com.crmcardlayouts.bitrix24.CardType;
import com.crmcardlayouts.bitrix24.Deadline;
import com.crmcardlayouts.config.AppConfig;
import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.qute.i18n.Localized;
import io.quarkus.qute.i18n.MessageBundles;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Brings a portal's placements and event handlers in line with what the app wants, idempotently:
 * it reads what is bound ({@code placement.get}, {@code event.get}), binds only what is missing and
 * unbinds handlers that point elsewhere (an old public URL) or tabs no longer wanted.
 * Placement and event methods need a portal administrator's token.
 */
@ApplicationScoped
public class Binder {

    /** One binding call: these are small writes, and a portal that takes longer is failing. */
    static final Duration CALL_LIMIT = Duration.ofSeconds(5);
    /** The languages of {@link CardTabMessages}, its own first: Bitrix24 is given the tab's title in each. */
    private static final List<String> TAB_LANGUAGES = List.of("en", "ru", "de");

    private final Bitrix24Client client;
    private final AppConfig config;

    public Binder(Bitrix24Client client, AppConfig config) {
        this.client = client;
        this.config = config;
    }

    /** The deadline of a request that binds (an install, a settings save): the request budget, calls of at most {@link #CALL_LIMIT}. */
    public Deadline deadline() {
        return client.deadline().callsOfAtMost(CALL_LIMIT);
    }

    /** An install: the wanted card tabs and the lifecycle events. */
    public void reconcile(long portalId, long adminUserId, List<CardType> wantedTabs, Deadline deadline) {
        reconcileTabs(portalId, adminUserId, wantedTabs, deadline);
        reconcileEvents(portalId, adminUserId, deadline.callsOfAtMost(CALL_LIMIT));
    }

    /** A settings change: the card tabs only, since settings never change the events. */
    public void reconcileTabs(long portalId, long adminUserId, List<CardType> wanted, Deadline requestDeadline) {
        Deadline deadline = requestDeadline.callsOfAtMost(CALL_LIMIT);
        String handler = placementHandler();
        List<String> present = new ArrayList<>();
        for (JsonNode row : client.call(portalId, adminUserId, "placement.get", Map.of(), deadline)) {
            String placement = row.path("placement").asText();
            String bound = row.path("handler").asText();
            if (CardType.ofPlacement(placement).isEmpty()) {
                continue;
            }
            boolean keep = bound.equals(handler) && wanted.stream().anyMatch(card -> card.placement().equals(placement));
            if (keep) {
                present.add(placement);
            } else {
                client.call(portalId, adminUserId, "placement.unbind", Map.of("PLACEMENT", placement, "HANDLER", bound), deadline);
            }
        }
        for (CardType card : wanted) {
            if (!present.contains(card.placement())) {
                bindIgnoringDuplicate(portalId, adminUserId, "placement.bind", placementFields(card, handler), deadline);
            }
        }
    }

    /**
     * The card tabs Bitrix24 reports bound to this app's handler right now.
     *
     * @throws Bitrix24Exception when Bitrix24 does not answer ({@code placement.get} needs an administrator's token)
     */
    public List<CardType> boundTabs(long portalId, long adminUserId, Deadline deadline) {
        String handler = placementHandler();
        List<CardType> bound = new ArrayList<>();
        for (JsonNode row : client.call(portalId, adminUserId, "placement.get", Map.of(), deadline.callsOfAtMost(CALL_LIMIT))) {
            if (handler.equals(row.path("handler").asText())) {
                CardType.ofPlacement(row.path("placement").asText()).filter(card -> !bound.contains(card)).ifPresent(bound::add);
            }
        }
        return bound;
    }

    private String placementHandler() {
        return config.publicBase() + Bindings.PLACEMENT_PATH;
    }

    private void reconcileEvents(long portalId, long userId, Deadline deadline) {
        String handler = config.publicBase() + Bindings.EVENTS_PATH;
        List<String> present = new ArrayList<>();
        for (JsonNode row : client.call(portalId, userId, "event.get", Map.of(), deadline)) {
            String event = row.path("event").asText().toUpperCase();
            if (!Bindings.EVENTS.contains(event)) {
                continue;
            }
            String bound = row.path("handler").asText();
            if (bound.equals(handler)) {
                present.add(event);
            } else {
                client.call(portalId, userId, "event.unbind", Map.of("EVENT", event, "HANDLER", bound), deadline);
            }
        }
        for (String event : Bindings.EVENTS) {
            if (!present.contains(event)) {
                bindIgnoringDuplicate(portalId, userId, "event.bind", Map.of("EVENT", event, "HANDLER", handler), deadline);
            }
        }
    }

    /** Two admins installing at once may both find a tab missing; "Handler already binded" then means done. */
    private void bindIgnoringDuplicate(long portalId, long userId, String method, Map<String, Object> fields, Deadline deadline) {
        try {
            client.call(portalId, userId, method, fields, deadline);
        } catch (Bitrix24Exception e) {
            if (!("ERROR_CORE".equals(e.code()) && e.description().contains("already binded"))) {
                throw e;
            }
        }
    }

    private static Map<String, Object> placementFields(CardType card, String handler) {
        Map<String, Object> langAll = new LinkedHashMap<>();
        for (String lang : TAB_LANGUAGES) {
            langAll.put(lang, Map.of("TITLE", tabTitleIn(lang)));
        }
        return Map.of("PLACEMENT", card.placement(), "HANDLER", handler, "TITLE", tabTitleIn(TAB_LANGUAGES.get(0)),
                "LANG_ALL", langAll);
    }

    private static String tabTitleIn(String lang) {
        // The bundle's own language is its default bundle, not a localized one.
        CardTabMessages messages = lang.equals(TAB_LANGUAGES.get(0))
                ? MessageBundles.get(CardTabMessages.class)
                : MessageBundles.get(CardTabMessages.class, Localized.Literal.of(lang));
        return messages.title();
    }
}
