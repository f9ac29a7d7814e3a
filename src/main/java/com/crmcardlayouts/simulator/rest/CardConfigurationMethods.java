package com.crmcardlayouts.simulator.rest;

import com.crmcardlayouts.simulator.CrmEntityTypes;
import com.crmcardlayouts.simulator.EditorOptions;
import com.crmcardlayouts.simulator.SimPortal;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.arc.profile.IfBuildProfile;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code crm.item.details.configuration.*} and {@code crm.{lead,deal,contact,company}.details.configuration.*}:
 * parameter resolution, permissions, validation and storage exactly as the portal's CRM module does them.
 */
@ApplicationScoped
@IfBuildProfile(anyOf = {"dev", "test", "demo"})
public class CardConfigurationMethods implements RestMethods {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final Map<String, Integer> FIXED_TYPES = Map.of(
            "lead", CrmEntityTypes.LEAD, "deal", CrmEntityTypes.DEAL,
            "contact", CrmEntityTypes.CONTACT, "company", CrmEntityTypes.COMPANY);

    private enum Operation { GET, SET, RESET, FORCE_COMMON }

    /** A resolved request: which rows it addresses and on whose behalf. */
    private record Target(String configId, long targetUserId, boolean common) {
        EditorOptions.Key personal() {
            return new EditorOptions.Key(configId, targetUserId, false);
        }

        EditorOptions.Key commonRow() {
            return new EditorOptions.Key(configId + "_common", 0, true);
        }
    }

    @Override
    public List<MethodSpec> methods() {
        List<MethodSpec> specs = new ArrayList<>();
        Map<String, Operation> operations = Map.of("get", Operation.GET, "set", Operation.SET,
                "reset", Operation.RESET, "forcecommonscopeforall", Operation.FORCE_COMMON);
        operations.forEach((suffix, operation) -> {
            specs.add(MethodSpec.scoped("crm.item.details.configuration." + suffix, "crm",
                    call -> run(call, operation, null)));
            FIXED_TYPES.forEach((entity, typeId) -> specs.add(MethodSpec.scoped(
                    "crm." + entity + ".details.configuration." + suffix, "crm", call -> run(call, operation, typeId))));
        });
        return specs;
    }

    private RestResult run(RestCall call, Operation operation, Integer fixedEntityTypeId) {
        if (!call.caller().crmRead()) {
            throw RestError.crm("Access denied.");
        }
        SimPortal portal = call.portal();
        int entityTypeId = fixedEntityTypeId != null ? fixedEntityTypeId
                : Php.toInt(Php.first(call.params(), "entityTypeId", "ENTITY_TYPE_ID"));
        if (!CrmEntityTypes.isDefined(entityTypeId, portal.smartProcesses().keySet())) {
            throw RestError.crm("Parameter 'entityTypeID' is not defined");
        }
        if (!CrmEntityTypes.isSupported(entityTypeId, portal.smartProcesses().keySet())) {
            throw RestError.crm("The entity type '" + CrmEntityTypes.name(entityTypeId)
                    + "' is not supported in current context.");
        }
        Target target = resolve(call, entityTypeId);
        checkPermission(call, operation, target);
        EditorOptions options = portal.editorOptions();
        return switch (operation) {
            case GET -> RestResult.of(get(options, target));
            case SET -> {
                ArrayNode sections = validatedSections(Php.first(call.params(), "data", "DATA", "Data", "arData"));
                ObjectNode column = JSON.objectNode().put("name", "default_column").put("type", "column");
                column.set("elements", sections);
                options.put(target.common() ? target.commonRow() : target.personal(), JSON.arrayNode().add(column));
                yield RestResult.ofTrue();
            }
            case RESET -> {
                options.remove(target.common() ? target.commonRow() : target.personal());
                yield RestResult.ofTrue();
            }
            case FORCE_COMMON -> {
                options.removeAllNamed(target.configId());
                options.removeAllNamed(target.configId() + "_scope");
                yield RestResult.ofTrue();
            }
        };
    }

    private static Target resolve(RestCall call, int entityTypeId) {
        long target = Php.toInt(Php.first(call.params(), "userid", "USERID", "userId", "UserId"));
        if (target <= 0) {
            target = call.caller().id();
        }
        JsonNode scope = Php.first(call.params(), "scope", "SCOPE", "Scope");
        boolean common = scope != null && scope.isTextual() && scope.asText().equals("C");
        JsonNode extrasParam = Php.first(call.params(), "extras", "EXTRAS", "Extras", "arExtras");
        ObjectNode extras = extrasParam instanceof ObjectNode object ? object.deepCopy() : JSON.objectNode();
        if (CrmEntityTypes.isPossibleDynamic(entityTypeId)) {
            rename(extras, "CATEGORY_ID", "categoryid", "CATEGORYID", "categoryId", "CategoryId");
        } else if (entityTypeId == CrmEntityTypes.DEAL) {
            rename(extras, "DEAL_CATEGORY_ID", "dealcategoryid", "DEALCATEGORYID", "dealCategoryId", "DealCategoryId");
        } else if (entityTypeId == CrmEntityTypes.LEAD) {
            rename(extras, "LEAD_CUSTOMER_TYPE", "leadcustomertype", "LEADCUSTOMERTYPE", "leadCustomerType",
                    "LeadCustomerType");
        }
        int category = Php.toInt(Php.first(extras, "CATEGORY_ID", "DEAL_CATEGORY_ID"));
        int customerType = Php.toInt(extras.get("LEAD_CUSTOMER_TYPE"));
        return new Target(CrmEntityTypes.configId(entityTypeId, category, customerType), target, common);
    }

    private static void rename(ObjectNode extras, String to, String... from) {
        JsonNode value = Php.first(extras, from);
        if (value != null) {
            extras.set(to, value);
        }
    }

    private static void checkPermission(RestCall call, Operation operation, Target target) {
        boolean crmAdmin = call.caller().crmAdmin();
        boolean self = target.targetUserId() == call.caller().id();
        boolean allowed = switch (operation) {
            case GET -> target.common() || crmAdmin || self;
            case SET, RESET -> target.common() ? crmAdmin : crmAdmin || self;
            case FORCE_COMMON -> crmAdmin;
        };
        if (!allowed) {
            throw RestError.crm("Access denied.");
        }
    }

    private static JsonNode get(EditorOptions options, Target target) {
        Optional<JsonNode> stored = target.common()
                ? options.get(target.commonRow())
                : options.get(target.personal())
                .or(() -> options.get(new EditorOptions.Key(target.configId(), 0, true)));
        if (stored.isEmpty()) {
            return NullNode.instance;
        }
        JsonNode value = stored.get();
        JsonNode first = Php.at(value, "0");
        if (Php.isArray(value) && first != null && "column".equals(Php.text(first.get("type")))) {
            JsonNode elements = first.get("elements");
            return elements == null ? JSON.arrayNode() : elements;
        }
        return value;
    }

    /** Validates {@code data} in the server's order and returns the sanitised sections. */
    private static ArrayNode validatedSections(JsonNode data) {
        if (!Php.isArray(data)) {
            throw RestError.crm("Parameter 'data' must be array.");
        }
        JsonNode first = Php.at(data, "0");
        if (first != null && Php.isArray(first) && "column".equals(Php.text(first.get("type")))) {
            data = Php.isArray(first.get("elements")) ? first.get("elements") : JSON.arrayNode();
        }
        if (data.isEmpty()) {
            throw RestError.crm("There are no data to write.");
        }
        if (!Php.isIndexedList(data)) {
            throw RestError.crm("The data must be indexed array.");
        }
        ArrayNode sections = JSON.arrayNode();
        for (Map.Entry<String, JsonNode> entry : Php.entries(data)) {
            sections.add(sanitisedSection(entry.getKey(), entry.getValue()));
        }
        return sections;
    }

    private static ObjectNode sanitisedSection(String index, JsonNode section) {
        String type = Php.text(section.get("type")).trim().isEmpty() ? "section" : Php.text(section.get("type"));
        if (!type.equals("section")) {
            throw RestError.crm("Section at index " + index + " have type '" + type + "'. The expected type is 'section'.");
        }
        JsonNode name = section.get("name");
        if (Php.text(name).trim().isEmpty()) {
            throw RestError.crm("Section at index " + index + " does not have name.");
        }
        JsonNode title = section.get("title");
        if (title == null || !title.isTextual()) {
            throw RestError.crm("Section at index " + index + " does not have title.");
        }
        JsonNode elements = Php.isArray(section.get("elements")) ? section.get("elements") : JSON.arrayNode();
        ArrayNode cleanElements = JSON.arrayNode();
        for (Map.Entry<String, JsonNode> element : Php.entries(elements)) {
            JsonNode elementName = element.getValue().get("name");
            if (Php.text(elementName).trim().isEmpty()) {
                throw RestError.crm("Element at index " + element.getKey() + " in section at index " + index
                        + " does not have name.");
            }
            ObjectNode clean = JSON.objectNode();
            clean.set("name", elementName);
            JsonNode flags = element.getValue().get("optionFlags");
            if (Php.isNumeric(flags)) {
                clean.set("optionFlags", flags);
            }
            JsonNode options = element.getValue().get("options");
            if (Php.isArray(options)) {
                clean.set("options", options);
            }
            cleanElements.add(clean);
        }
        ObjectNode clean = JSON.objectNode().put("type", "section");
        clean.set("name", name);
        clean.set("title", title);
        clean.set("elements", cleanElements);
        return clean;
    }
}
