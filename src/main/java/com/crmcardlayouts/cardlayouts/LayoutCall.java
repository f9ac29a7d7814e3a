package com.crmcardlayouts.cardlayouts;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One Bitrix24 call that carries out a {@link LayoutRequest}, e.g.
 * {@code crm.item.details.configuration.reset {"entityTypeId":2,"scope":"P","userId":7,"extras":{"dealCategoryId":5}}}.
 */
public record LayoutCall(String method, Map<String, Object> params) {

    private static final String ITEM_METHODS = "crm.item.details.configuration.";

    /** The universal {@code crm.item.*} call every current portal knows. */
    public static LayoutCall of(LayoutRequest request) {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("entityTypeId", request.target().entityType().id());
        params.putAll(common(request));
        return new LayoutCall(ITEM_METHODS + operation(request.action()), params);
    }

    /** The older per-entity call for portals without {@code crm.item.*}; only leads, deals, contacts and companies have one. */
    public static Optional<LayoutCall> fallback(LayoutRequest request) {
        return request.target().entityType().perEntityMethodPrefix().map(prefix ->
                new LayoutCall(prefix + ".details.configuration." + operation(request.action()), common(request)));
    }

    private static Map<String, Object> common(LayoutRequest request) {
        Map<String, Object> params = new LinkedHashMap<>();
        switch (request.action()) {
            case RESET_PERSONAL -> {
                params.put("scope", "P");
                // "userId" exactly: Bitrix24 ignores USER_ID and would reset the caller's own layout.
                params.put("userId", request.targetUserId());
            }
            case RESET_COMMON -> params.put("scope", "C");
            case FORCE_COMMON -> {
            }
        }
        Map<String, Object> extras = request.target().extras();
        if (!extras.isEmpty()) {
            params.put("extras", extras);
        }
        return params;
    }

    private static String operation(LayoutAction action) {
        return action == LayoutAction.FORCE_COMMON ? "forceCommonScopeForAll" : "reset";
    }
}
