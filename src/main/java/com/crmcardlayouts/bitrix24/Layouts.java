package com.crmcardlayouts.bitrix24;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The card-configuration methods, {@code crm.item.details.configuration.*}; on portals without them,
 * leads, deals, contacts and companies fall back to {@code crm.{lead,deal,contact,company}.details.configuration.*}.
 */
public final class Layouts {

    /** What a write did, and which method did it, e.g. {@code crm.deal.details.configuration.reset}. */
    public record Applied(String method) {
    }

    private static final String ITEM_METHODS = "crm.item.details.configuration.";

    private Layouts() {
    }

    /** The stored layout; empty when there is none (the card then shows the common or the built-in one). */
    public static Operation<Optional<CardLayout>> get(LayoutCall call) {
        return layoutOperation("get", call.target(), scoped(call), reply -> read(reply.result()));
    }

    /**
     * Stores {@code layout} as the addressed layout, replacing what was there. Bitrix24 keeps of each
     * section its name and title, of each field its name, numeric {@code optionFlags} and {@code options}:
     * labels the card's editor saved ({@link CardLayout.Element#title()}) are lost.
     */
    public static Operation<Applied> set(LayoutCall call, CardLayout layout) {
        Map<String, Object> params = scoped(call);
        params.put("data", data(layout));
        return layoutOperation("set", call.target(), params, reply -> new Applied(reply.method()));
    }

    /** Deletes the stored layout (Bitrix24 answers {@code true} even when there was none). */
    public static Operation<Applied> reset(LayoutCall call) {
        return layoutOperation("reset", call.target(), scoped(call), reply -> new Applied(reply.method()));
    }

    /** Deletes every user's personal layout of the form and every remembered choice between personal and common. */
    public static Operation<Applied> forceCommonScopeForAll(LayoutTarget target) {
        return layoutOperation("forceCommonScopeForAll", target, new LinkedHashMap<>(), reply -> new Applied(reply.method()));
    }

    /**
     * Whether the viewer may read and change other users' layouts. No REST method names the CRM right
     * "Allow to change settings", but the card-configuration methods check exactly it ({@code isCrmAdmin})
     * before reading another user's personal layout; so a read-only {@code get} of someone else's answers
     * the question without changing anything: {@code Access denied.} means no.
     *
     * @param probe a type the portal surely has, e.g. the open card's own
     */
    public static Operation<Boolean> mayChangeOthers(EntityType probe, long viewerId) {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("scope", "P");
        params.put("userId", viewerId == 1 ? 2 : 1);
        Operation<Boolean> probing = Operation.of(ITEM_METHODS + "get", withType(probe, params), reply -> true);
        // The deal's own method exists on every older portal, whatever type the card is.
        return probing.orOnOlderPortals(Operation.of("crm.deal.details.configuration.get", params, reply -> true))
                .recovering(e -> e instanceof Bitrix24Exception.AccessDenied ? Optional.of(false) : Optional.empty());
    }

    private static <T> Operation<T> layoutOperation(String operation, LayoutTarget target, Map<String, Object> params,
                                                    java.util.function.Function<Reply, T> reader) {
        Map<String, Object> extras = target.extras();
        if (!extras.isEmpty()) {
            params.put("extras", extras);
        }
        Operation<T> universal = Operation.of(ITEM_METHODS + operation, withType(target.entityType(), params), reader);
        Optional<String> older = perEntityPrefix(target.entityType());
        return older.isEmpty() ? universal
                : universal.orOnOlderPortals(Operation.of(older.get() + ".details.configuration." + operation, params, reader));
    }

    private static Map<String, Object> scoped(LayoutCall call) {
        Map<String, Object> params = new LinkedHashMap<>();
        if (call.isCommon()) {
            params.put("scope", "C");
        } else {
            params.put("scope", "P");
            // "userId" exactly: Bitrix24 ignores USER_ID and would act on the caller's own layout.
            params.put("userId", call.userId());
        }
        return params;
    }

    private static List<Map<String, Object>> data(CardLayout layout) {
        List<Map<String, Object>> sections = new ArrayList<>();
        for (CardLayout.Section section : layout.sections()) {
            List<Map<String, Object>> elements = new ArrayList<>();
            for (CardLayout.Element element : section.elements()) {
                Map<String, Object> field = new LinkedHashMap<>();
                field.put("name", element.name());
                if (element.optionFlags() != null) {
                    field.put("optionFlags", element.optionFlags());
                }
                if (!element.options().isEmpty()) {
                    field.put("options", element.options());
                }
                elements.add(field);
            }
            Map<String, Object> written = new LinkedHashMap<>();
            written.put("name", section.name());
            written.put("title", section.title());
            written.put("type", "section");
            written.put("elements", elements);
            sections.add(written);
        }
        return sections;
    }

    private static Map<String, Object> withType(EntityType type, Map<String, Object> params) {
        Map<String, Object> all = new LinkedHashMap<>();
        all.put("entityTypeId", type.id());
        all.putAll(params);
        return all;
    }

    /** Only lead, deal, contact and company have methods of their own. */
    private static Optional<String> perEntityPrefix(EntityType type) {
        return switch (type.id()) {
            case EntityType.LEAD -> Optional.of("crm.lead");
            case EntityType.DEAL -> Optional.of("crm.deal");
            case EntityType.CONTACT -> Optional.of("crm.contact");
            case EntityType.COMPANY -> Optional.of("crm.company");
            default -> Optional.empty();
        };
    }

    private static Optional<CardLayout> read(JsonNode result) {
        if (result == null || result.isNull() || result.isMissingNode() || (result.isArray() && result.isEmpty())) {
            return Optional.empty();
        }
        List<CardLayout.Section> sections = new ArrayList<>();
        for (JsonNode section : elements(result)) {
            List<CardLayout.Element> fields = new ArrayList<>();
            for (JsonNode element : elements(section.path("elements"))) {
                Map<String, Object> options = new LinkedHashMap<>();
                element.path("options").fields().forEachRemaining(option -> options.put(option.getKey(), scalar(option.getValue())));
                fields.add(new CardLayout.Element(element.path("name").asText(""), text(element.path("title")),
                        scalar(element.path("optionFlags")), options));
            }
            sections.add(new CardLayout.Section(section.path("name").asText(""), section.path("title").asText(""), fields));
        }
        return Optional.of(new CardLayout(sections));
    }

    /** PHP writes a list with keys 0..n as a JSON array, other keys as an object; both mean a list here. */
    private static Iterable<JsonNode> elements(JsonNode node) {
        return node.isArray() || node.isObject() ? node : List.of();
    }

    private static String text(JsonNode node) {
        return node.isTextual() ? node.asText() : null;
    }

    private static Object scalar(JsonNode node) {
        if (node.isMissingNode() || node.isNull()) {
            return null;
        }
        return node.isNumber() ? node.numberValue() : node.isBoolean() ? node.booleanValue() : node.asText();
    }
}
