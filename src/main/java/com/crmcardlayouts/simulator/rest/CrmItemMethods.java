package com.crmcardlayouts.simulator.rest;

import com.crmcardlayouts.simulator.CrmEntityTypes;
import com.crmcardlayouts.simulator.SimCrm;
import com.crmcardlayouts.simulator.SimSmartProcess;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.arc.profile.IfBuildProfile;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

/**
 * {@code crm.item.get} (an item's id, type and {@code categoryId}, camelCase as Bitrix24 writes them)
 * and {@code crm.category.list} (deal funnels, smart-process categories). Only the fields apps read for
 * card layouts are simulated; any user with CRM access may read.
 */
@ApplicationScoped
@IfBuildProfile(anyOf = {"dev", "test", "demo"})
public class CrmItemMethods implements RestMethods {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    @Override
    public List<MethodSpec> methods() {
        return List.of(MethodSpec.scoped("crm.item.get", "crm", this::item),
                MethodSpec.scoped("crm.category.list", "crm", this::categories));
    }

    private RestResult item(RestCall call) {
        requireCrmAccess(call);
        int entityTypeId = Php.toInt(call.param("entityTypeId"));
        long id = Php.toInt(call.param("id"));
        if (!CrmEntityTypes.isDefined(entityTypeId, call.portal().smartProcesses().keySet())) {
            throw RestError.crm("Parameter 'entityTypeID' is not defined");
        }
        int category = call.portal().crm().categoryOf(entityTypeId, id)
                .orElseThrow(() -> new RestError(400, "NOT_FOUND", "Element not found"));
        ObjectNode item = JSON.objectNode().put("id", id).put("entityTypeId", entityTypeId).put("categoryId", category);
        ObjectNode result = JSON.objectNode();
        result.set("item", item);
        return RestResult.of(result);
    }

    private RestResult categories(RestCall call) {
        requireCrmAccess(call);
        int entityTypeId = Php.toInt(call.param("entityTypeId"));
        ArrayNode categories = JSON.arrayNode();
        if (entityTypeId == CrmEntityTypes.DEAL) {
            call.portal().crm().dealFunnels().forEach(funnel -> categories.add(json(funnel, entityTypeId)));
        } else {
            SimSmartProcess type = call.portal().smartProcesses().get(entityTypeId);
            if (type == null) {
                throw RestError.crm("Parameter 'entityTypeID' is not defined");
            }
            type.categories().stream().sorted().forEach(id ->
                    categories.add(json(new SimCrm.Category(id, id == 0 ? "General" : "Category " + id, id == 0), entityTypeId)));
        }
        ObjectNode result = JSON.objectNode();
        result.set("categories", categories);
        return new RestResult(result, categories.size(), null);
    }

    private static ObjectNode json(SimCrm.Category category, int entityTypeId) {
        return JSON.objectNode().put("id", category.id()).put("name", category.name()).put("sort", 100 + category.id())
                .put("entityTypeId", entityTypeId).put("isDefault", category.isDefault() ? "Y" : "N");
    }

    private static void requireCrmAccess(RestCall call) {
        if (!call.caller().crmRead()) {
            throw RestError.accessDenied("");
        }
    }
}
