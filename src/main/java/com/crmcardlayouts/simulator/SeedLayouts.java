package com.crmcardlayouts.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Layouts as the card's own editor saves them: wrapped in a column, with string {@code optionFlags}
 * and element titles that REST could never write.
 */
final class SeedLayouts {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private SeedLayouts() {
    }

    static JsonNode personal(String configId) {
        List<String> fields = new ArrayList<>(fieldsFor(configId));
        Collections.reverse(fields);
        return layout("personal", "My view", fields);
    }

    static JsonNode common(String configId) {
        return layout("common", "Team view", fieldsFor(configId));
    }

    private static List<String> fieldsFor(String configId) {
        String id = configId.toLowerCase();
        if (id.startsWith("contact")) {
            return List.of("NAME", "LAST_NAME", "PHONE", "EMAIL");
        }
        if (id.startsWith("company")) {
            return List.of("TITLE", "INDUSTRY", "PHONE", "EMAIL");
        }
        return List.of("TITLE", "OPPORTUNITY_WITH_CURRENCY", "ASSIGNED_BY_ID", "COMMENTS");
    }

    private static JsonNode layout(String sectionName, String title, List<String> fields) {
        ArrayNode elements = JSON.arrayNode();
        for (String field : fields) {
            elements.addObject().put("name", field).put("optionFlags", "0").put("title", "");
        }
        ObjectNode section = JSON.objectNode().put("name", sectionName).put("title", title).put("type", "section");
        section.set("elements", elements);
        ObjectNode column = JSON.objectNode().put("name", "default_column").put("type", "column");
        column.putArray("elements").add(section);
        return JSON.arrayNode().add(column);
    }
}
