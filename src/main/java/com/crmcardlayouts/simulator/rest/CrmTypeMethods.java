package com.crmcardlayouts.simulator.rest;

import com.crmcardlayouts.simulator.SimSmartProcess;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.arc.profile.IfBuildProfile;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Comparator;
import java.util.List;

/**
 * {@code crm.type.list}: the portal's smart processes, 50 a page, for CRM administrators only.
 * Answers the type fields apps read; {@code filter} and {@code order} are not simulated.
 */
@ApplicationScoped
@IfBuildProfile(anyOf = {"dev", "test", "demo"})
public class CrmTypeMethods implements RestMethods {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final int PAGE_SIZE = 50;

    @Override
    public List<MethodSpec> methods() {
        return List.of(MethodSpec.scoped("crm.type.list", "crm", this::list));
    }

    private RestResult list(RestCall call) {
        if (!call.caller().crmAdmin()) {
            throw new RestError(400, "ACCESS_DENIED", "Access denied");
        }
        List<SimSmartProcess> all = call.portal().smartProcesses().values().stream()
                .sorted(Comparator.comparingInt(SimSmartProcess::id)).toList();
        int start = Math.max(0, Php.toInt(call.param("start")));
        ObjectNode result = JSON.objectNode();
        ArrayNode types = result.putArray("types");
        all.stream().skip(start).limit(PAGE_SIZE).forEach(type -> types.add(typeJson(type)));
        Integer next = start + PAGE_SIZE < all.size() ? start + PAGE_SIZE : null;
        return new RestResult(result, all.size(), next);
    }

    // Bitrix24 writes the type's flags as "Y"/"N" strings, not JSON booleans.
    private static ObjectNode typeJson(SimSmartProcess type) {
        ObjectNode json = JSON.objectNode();
        json.put("id", type.id());
        json.put("title", type.title());
        json.put("code", "");
        json.put("entityTypeId", type.entityTypeId());
        json.putNull("customSectionId");
        json.put("isCategoriesEnabled", type.categories().size() > 1 ? "Y" : "N");
        return json;
    }
}
