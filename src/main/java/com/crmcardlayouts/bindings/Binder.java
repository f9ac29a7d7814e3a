package com.crmcardlayouts.bindings;

import com.crmcardlayouts.bitrix24.ActingUser;
import com.crmcardlayouts.bitrix24.Batch;
import com.crmcardlayouts.bitrix24.Bitrix24Client;
import com.crmcardlayouts.bitrix24.Bitrix24Exception;
import com.crmcardlayouts.bitrix24.CardType;
import com.crmcardlayouts.bitrix24.Deadline;
import com.crmcardlayouts.bitrix24.EventBindings;
import com.crmcardlayouts.bitrix24.Placements;
import com.crmcardlayouts.config.AppConfig;
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
 * it reads what is bound, then binds what is missing and unbinds handlers that point elsewhere (an old
 * public URL) or tabs no longer wanted, those changes together in one batch.
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
        ActingUser admin = ActingUser.of(portalId, adminUserId);
        String handler = placementHandler();
        List<String> present = new ArrayList<>();
        Batch changes = client.batch(admin);
        List<Batch.Answer<Boolean>> done = new ArrayList<>();
        for (Placements.Binding bound : client.call(admin, Placements.bound(), deadline)) {
            if (CardType.ofPlacement(bound.placement()).isEmpty()) {
                continue;
            }
            boolean keep = bound.handler().equals(handler) && wanted.stream().anyMatch(card -> card.placement().equals(bound.placement()));
            if (keep) {
                present.add(bound.placement());
            } else {
                done.add(changes.add(Placements.unbind(bound)));
            }
        }
        for (CardType card : wanted) {
            if (!present.contains(card.placement())) {
                done.add(changes.add(Placements.bind(new Placements.Binding(card.placement(), handler), tabTitles())));
            }
        }
        runAll(changes, done, deadline);
    }

    /**
     * The card tabs Bitrix24 reports bound to this app's handler right now.
     *
     * @throws Bitrix24Exception when Bitrix24 does not answer ({@code placement.get} needs an administrator's token)
     */
    public List<CardType> boundTabs(long portalId, long adminUserId, Deadline deadline) {
        String handler = placementHandler();
        List<CardType> bound = new ArrayList<>();
        for (Placements.Binding row : client.call(ActingUser.of(portalId, adminUserId), Placements.bound(), deadline.callsOfAtMost(CALL_LIMIT))) {
            if (handler.equals(row.handler())) {
                CardType.ofPlacement(row.placement()).filter(card -> !bound.contains(card)).ifPresent(bound::add);
            }
        }
        return bound;
    }

    private String placementHandler() {
        return config.publicBase() + Bindings.PLACEMENT_PATH;
    }

    private void reconcileEvents(long portalId, long userId, Deadline deadline) {
        ActingUser admin = ActingUser.of(portalId, userId);
        String handler = config.publicBase() + Bindings.EVENTS_PATH;
        List<String> present = new ArrayList<>();
        Batch changes = client.batch(admin);
        List<Batch.Answer<Boolean>> done = new ArrayList<>();
        for (EventBindings.Binding bound : client.call(admin, EventBindings.bound(), deadline)) {
            if (!Bindings.EVENTS.contains(bound.event())) {
                continue;
            }
            if (bound.handler().equals(handler)) {
                present.add(bound.event());
            } else {
                done.add(changes.add(EventBindings.unbind(bound)));
            }
        }
        for (String event : Bindings.EVENTS) {
            if (!present.contains(event)) {
                done.add(changes.add(EventBindings.bind(new EventBindings.Binding(event, handler))));
            }
        }
        runAll(changes, done, deadline);
    }

    /** The changes travel together; the first one Bitrix24 refused fails the reconciliation. */
    private static void runAll(Batch changes, List<Batch.Answer<Boolean>> done, Deadline deadline) {
        if (done.isEmpty()) {
            return;
        }
        changes.run(deadline);
        done.forEach(Batch.Answer::get);
    }

    /** The tab's title in each language Bitrix24 shows it in, from the tab's message bundle; English first. */
    private static Map<String, String> tabTitles() {
        Map<String, String> titles = new LinkedHashMap<>();
        TAB_LANGUAGES.forEach(lang -> titles.put(lang, tabTitleIn(lang)));
        return titles;
    }

    private static String tabTitleIn(String lang) {
        // The bundle's own language is its default bundle, not a localized one.
        CardTabMessages messages = lang.equals(TAB_LANGUAGES.get(0))
                ? MessageBundles.get(CardTabMessages.class)
                : MessageBundles.get(CardTabMessages.class, Localized.Literal.of(lang));
        return messages.title();
    }
}
