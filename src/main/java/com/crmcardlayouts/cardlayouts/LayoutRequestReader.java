package com.crmcardlayouts.cardlayouts;

import com.crmcardlayouts.bitrix24.LayoutTarget;
import com.crmcardlayouts.bitrix24.EntityType;
import com.crmcardlayouts.requests.JsonInput;
import com.crmcardlayouts.requests.Refusal;
import com.crmcardlayouts.requests.Refused;

import java.util.Optional;
import java.util.Set;

/**
 * Turns page-API bodies into {@link LayoutRequest}s by the rules of CONTRACT §5 ("Page API input");
 * anything else is refused before a single call reaches Bitrix24.
 */
public final class LayoutRequestReader {

    static final String ENTITY_TYPE_ID = "entityTypeId";
    static final String SCOPE = "scope";
    static final String USER_ID = "userId";
    static final String CATEGORY_ID = "categoryId";
    static final String LEAD_CUSTOMER_TYPE = "leadCustomerType";

    /** Both actions know every field, so that a reset-only field sent to force-common gets its own explanation. */
    private static final Set<String> FIELDS = Set.of(ENTITY_TYPE_ID, SCOPE, USER_ID, CATEGORY_ID, LEAD_CUSTOMER_TYPE);

    private LayoutRequestReader() {
    }

    /** {@code {"entityTypeId": 1, "scope": "P", "userId": 7, "leadCustomerType": 2}} */
    public static LayoutRequest reset(byte[] body) {
        JsonInput input = JsonInput.parse(body, FIELDS);
        LayoutTarget target = target(input);
        String scope = input.text(SCOPE, Refusal.SCOPE_INVALID)
                .orElseThrow(() -> new Refused(Refusal.FIELD_MISSING, SCOPE));
        Optional<Long> userId = input.integer(USER_ID);
        return switch (scope) {
            case "P" -> {
                if (userId.isPresent() && userId.get() <= 0) {
                    throw new Refused(Refusal.USER_ID_NOT_POSITIVE, USER_ID);
                }
                yield new LayoutRequest(LayoutAction.RESET_PERSONAL, target, userId.orElse(null));
            }
            case "C" -> {
                if (userId.isPresent()) {
                    throw new Refused(Refusal.USER_ID_WITHOUT_PERSONAL_SCOPE, USER_ID);
                }
                yield new LayoutRequest(LayoutAction.RESET_COMMON, target, null);
            }
            // Bitrix24 would silently read any other value as personal; the app does not guess.
            default -> throw new Refused(Refusal.SCOPE_INVALID, SCOPE);
        };
    }

    /** {@code {"entityTypeId": 2, "categoryId": 5}} */
    public static LayoutRequest forceCommon(byte[] body) {
        JsonInput input = JsonInput.parse(body, FIELDS);
        for (String field : new String[]{SCOPE, USER_ID}) {
            if (input.has(field)) {
                throw new Refused(Refusal.FIELD_NOT_FOR_ACTION, field);
            }
        }
        return new LayoutRequest(LayoutAction.FORCE_COMMON, target(input), null);
    }

    private static LayoutTarget target(JsonInput input) {
        long id = input.integer(ENTITY_TYPE_ID).orElseThrow(() -> new Refused(Refusal.FIELD_MISSING, ENTITY_TYPE_ID));
        EntityType type = EntityType.of(id).orElseThrow(() -> new Refused(Refusal.ENTITY_TYPE_UNSUPPORTED, ENTITY_TYPE_ID));
        Optional<Long> leadCustomerType = input.integer(LEAD_CUSTOMER_TYPE);
        Optional<Long> categoryId = input.integer(CATEGORY_ID);
        if (leadCustomerType.isPresent()) {
            if (!type.isLead()) {
                throw new Refused(Refusal.FIELD_NOT_FOR_ENTITY, LEAD_CUSTOMER_TYPE);
            }
            if (leadCustomerType.get() != 1 && leadCustomerType.get() != 2) {
                throw new Refused(Refusal.LEAD_CUSTOMER_TYPE_INVALID, LEAD_CUSTOMER_TYPE);
            }
        }
        if (categoryId.isPresent()) {
            if (!type.acceptsCategory()) {
                throw new Refused(Refusal.FIELD_NOT_FOR_ENTITY, CATEGORY_ID);
            }
            if (categoryId.get() < 0 || categoryId.get() > Integer.MAX_VALUE) {
                throw new Refused(Refusal.CATEGORY_OUT_OF_RANGE, CATEGORY_ID);
            }
        } else if (type.requiresCategory()) {
            throw new Refused(Refusal.CATEGORY_REQUIRED, CATEGORY_ID);
        }
        return new LayoutTarget(type, categoryId.map(Long::intValue).orElse(null),
                leadCustomerType.map(Long::intValue).orElse(null));
    }
}
