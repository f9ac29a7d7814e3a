package com.crmcardlayouts.simulator.rest;

import com.crmcardlayouts.simulator.SimPlacement;
import com.crmcardlayouts.simulator.SimPortal;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.quarkus.arc.profile.IfBuildProfile;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** {@code placement.bind}, {@code placement.unbind}, {@code placement.get} and {@code placement.list}. */
@ApplicationScoped
@IfBuildProfile(anyOf = {"dev", "test", "demo"})
public class PlacementMethods implements RestMethods {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final List<String> DETAIL_TYPES =
            List.of("LEAD", "DEAL", "CONTACT", "COMPANY", "QUOTE", "ORDER", "SMART_INVOICE");
    private static final List<String> LIST_MENU_TYPES =
            List.of("LEAD", "DEAL", "INVOICE", "QUOTE", "CONTACT", "COMPANY", "ACTIVITY", "SMART_INVOICE");
    private static final Map<String, Integer> MAX_COUNT = Map.of("REST_APP_URI", 1);

    @Override
    public List<MethodSpec> methods() {
        return List.of(
                MethodSpec.scoped("placement.bind", "placement", this::bind),
                MethodSpec.scoped("placement.unbind", "placement", this::unbind),
                MethodSpec.scoped("placement.get", "placement", this::get),
                MethodSpec.scoped("placement.list", "placement", this::list));
    }

    /** The placement codes the app may bind with its scopes. */
    static Set<String> availableCodes(SimPortal portal, String scope) {
        Set<String> codes = new LinkedHashSet<>();
        if (List.of(scope.split(",")).contains("crm")) {
            List<String> detailTypes = new ArrayList<>(DETAIL_TYPES);
            List<String> menuTypes = new ArrayList<>(LIST_MENU_TYPES);
            portal.smartProcesses().keySet().stream().sorted().forEach(id -> {
                detailTypes.add("DYNAMIC_" + id);
                menuTypes.add("DYNAMIC_" + id);
            });
            detailTypes.forEach(type -> codes.add("CRM_" + type + "_DETAIL_TAB"));
            menuTypes.forEach(type -> codes.add("CRM_" + type + "_LIST_MENU"));
            detailTypes.forEach(type -> codes.add("CRM_" + type + "_DETAIL_ACTIVITY"));
        }
        codes.add("REST_APP_URI");
        return codes;
    }

    private static void requireApplicationContext(RestCall call) {
        if (!call.applicationContext()) {
            throw new RestError(403, "WRONG_AUTH_TYPE",
                    "Current authorization type is denied for this method Application context required");
        }
    }

    private static void requireAdminApp(RestCall call) {
        requireApplicationContext(call);
        if (!call.restAdmin()) {
            throw RestError.accessDenied(null);
        }
    }

    /**
     * The upper-cased {@code PLACEMENT} parameter. It must be a string; an empty one is refused with
     * {@link RestError#nullOrEmpty(String)} of {@code emptyArgument} (bind and unbind word it differently).
     */
    private static String placementCode(Map<String, JsonNode> params, String emptyArgument) {
        JsonNode placementParam = params.get("PLACEMENT");
        if (placementParam == null || !placementParam.isTextual()) {
            throw RestError.argument("The value of an argument 'PLACEMENT' must be of type string", "PLACEMENT");
        }
        String placement = placementParam.asText().toUpperCase(Locale.ROOT);
        if (placement.isEmpty()) {
            throw RestError.nullOrEmpty(emptyArgument);
        }
        return placement;
    }

    private RestResult bind(RestCall call) {
        requireAdminApp(call);
        Map<String, JsonNode> params = Php.upperCaseKeys(call.params());
        String placement = placementCode(params, "The placement code is not specified");
        if (placement.equals("DEFAULT")) {
            throw RestError.nullOrEmpty("The placement code has an incorrect value");
        }
        String handler = Php.text(params.get("HANDLER"));
        if (handler.isEmpty()) {
            throw RestError.nullOrEmpty("The URL of the placement handler is not specified");
        }
        HandlerUrls.check(handler);
        SimPortal portal = call.portal();
        if (!availableCodes(portal, call.scope()).contains(placement)) {
            throw new RestError(400, "ERROR_PLACEMENT_NOT_FOUND", "Placement not found");
        }
        if (Php.toInt(params.get("USER_ID")) > 0) {
            throw new RestError(400, "ERROR_PLACEMENT_USER_MODE", "User mode is not available.");
        }
        synchronized (portal) {
            List<SimPlacement> existing = portal.placements().stream()
                    .filter(p -> p.placement().equals(placement)).toList();
            Integer max = MAX_COUNT.get(placement);
            if (max != null && existing.size() >= max) {
                throw new RestError(400, "ERROR_PLACEMENT_MAX_COUNT", "Placement max count: " + max);
            }
            if (existing.stream().anyMatch(p -> p.handler().equals(handler))) {
                throw new RestError(400, "ERROR_CORE", "Unable to set placement handler: Handler already binded");
            }
            String title = Php.text(params.get("TITLE"));
            String description = Php.text(params.get("DESCRIPTION"));
            String groupName = Php.text(params.get("GROUP_NAME"));
            ObjectNode langAll = JSON.objectNode();
            JsonNode givenLangAll = params.get("LANG_ALL");
            if (givenLangAll instanceof ObjectNode given && !given.isEmpty()) {
                given.fields().forEachRemaining(lang -> langAll.set(lang.getKey(), langEntry(
                        Php.text(lang.getValue().get("TITLE")), Php.text(lang.getValue().get("DESCRIPTION")),
                        Php.text(lang.getValue().get("GROUP_NAME")))));
                JsonNode own = langAll.get(SimPortal.LANGUAGE);
                if (own != null) {
                    title = own.get("TITLE").asText();
                    description = own.get("DESCRIPTION").asText();
                    groupName = own.get("GROUP_NAME").asText();
                }
            } else if (title.isEmpty() && description.isEmpty() && groupName.isEmpty()) {
                langAll.set(SimPortal.LANGUAGE, JSON.objectNode().put("TITLE", SimPortal.APP_NAME));
            } else {
                langAll.set(SimPortal.LANGUAGE, langEntry(title, description, groupName));
            }
            portal.addPlacement(placement, handler, title, description, groupName, langAll);
        }
        return RestResult.ofTrue();
    }

    private static ObjectNode langEntry(String title, String description, String groupName) {
        return JSON.objectNode().put("TITLE", title).put("DESCRIPTION", description).put("GROUP_NAME", groupName);
    }

    private RestResult unbind(RestCall call) {
        requireAdminApp(call);
        Map<String, JsonNode> params = Php.upperCaseKeys(call.params());
        String placement = placementCode(params, "PLACEMENT");
        String handler = Php.text(params.get("HANDLER"));
        boolean byUser = Php.isSet(params.get("USER_ID"));
        int userId = Php.toInt(params.get("USER_ID"));
        int deleted = call.portal().removePlacements(p -> p.placement().equals(placement)
                && (handler.isEmpty() || p.handler().equals(handler))
                && (!byUser || userId == 0));
        // Bitrix24 counts each deleted handler twice: once when found, once when deleted.
        return RestResult.of(JSON.objectNode().put("count", 2 * deleted));
    }

    private RestResult get(RestCall call) {
        requireAdminApp(call);
        ArrayNode rows = JSON.arrayNode();
        for (SimPlacement p : call.portal().placements()) {
            ObjectNode row = rows.addObject();
            row.put("id", p.id());
            row.put("placement", p.placement());
            row.put("userId", 0);
            row.put("handler", p.handler());
            row.putArray("options");
            row.put("title", p.title());
            row.put("description", p.description());
            row.set("langAll", p.langAll());
        }
        return RestResult.of(rows);
    }

    private RestResult list(RestCall call) {
        requireApplicationContext(call);
        ArrayNode codes = JSON.arrayNode();
        availableCodes(call.portal(), call.scope()).forEach(code -> codes.add(TextNode.valueOf(code)));
        return RestResult.of(codes);
    }
}
