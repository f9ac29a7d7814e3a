package com.crmcardlayouts.simulator.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * PHP's view of request values: Bitrix24 is written in PHP, so a JSON object with keys 0..n-1 is
 * a list, {@code (int)"12abc"} is 12, {@code "false"} is true, and empty maps encode as {@code []}.
 */
public final class Php {

    private static final Pattern LEADING_INT = Pattern.compile("^\\s*([+-]?\\d+)");
    private static final Pattern NUMERIC = Pattern.compile("^\\s*[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?\\s*$");

    private Php() {
    }

    /** PHP {@code isset}: present and not null. */
    public static boolean isSet(JsonNode node) {
        return node != null && !node.isNull() && !node.isMissingNode();
    }

    /** The value of the first key that is set, or null. */
    public static JsonNode first(JsonNode params, String... keys) {
        for (String key : keys) {
            JsonNode value = params == null ? null : params.get(key);
            if (isSet(value)) {
                return value;
            }
        }
        return null;
    }

    /** The value of a key matched case-insensitively, or null. */
    public static JsonNode ignoringCase(JsonNode params, String key) {
        if (params == null || !params.isObject()) {
            return null;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = params.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            if (field.getKey().equalsIgnoreCase(key)) {
                return field.getValue();
            }
        }
        return null;
    }

    /** The parameters keyed in upper case, for methods that read their keys case-insensitively; the first spelling wins. */
    public static Map<String, JsonNode> upperCaseKeys(JsonNode params) {
        Map<String, JsonNode> upper = new LinkedHashMap<>();
        params.fields().forEachRemaining(f -> upper.putIfAbsent(f.getKey().toUpperCase(Locale.ROOT), f.getValue()));
        return upper;
    }

    /** PHP {@code is_array}: a JSON object or list. */
    public static boolean isArray(JsonNode node) {
        return node != null && (node.isObject() || node.isArray());
    }

    /** PHP {@code (int)}. */
    public static int toInt(JsonNode node) {
        if (!isSet(node)) {
            return 0;
        }
        if (node.isNumber()) {
            return node.intValue();
        }
        if (node.isBoolean()) {
            return node.booleanValue() ? 1 : 0;
        }
        if (isArray(node)) {
            return node.isEmpty() ? 0 : 1;
        }
        Matcher m = LEADING_INT.matcher(node.asText());
        if (!m.find()) {
            return 0;
        }
        try {
            return Integer.parseInt(m.group(1));
        } catch (NumberFormatException overflow) {
            return m.group(1).startsWith("-") ? Integer.MIN_VALUE : Integer.MAX_VALUE;
        }
    }

    /** PHP truthiness: {@code "0"}, {@code ""}, 0, false, null and empty arrays are false; {@code "false"} is true. */
    public static boolean truthy(JsonNode node) {
        if (!isSet(node)) {
            return false;
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        if (node.isNumber()) {
            return node.doubleValue() != 0;
        }
        if (isArray(node)) {
            return !node.isEmpty();
        }
        String text = node.asText();
        return !text.isEmpty() && !text.equals("0");
    }

    /** PHP {@code is_numeric}. */
    public static boolean isNumeric(JsonNode node) {
        return node != null && (node.isNumber() || (node.isTextual() && NUMERIC.matcher(node.asText()).matches()));
    }

    /** A scalar as PHP would print it; containers and null give {@code ""}. */
    public static String text(JsonNode node) {
        if (!isSet(node) || isArray(node)) {
            return "";
        }
        if (node.isBoolean()) {
            return node.booleanValue() ? "1" : "";
        }
        return node.asText();
    }

    /** The key/value pairs of a PHP array (list indexes become "0", "1", …). */
    public static List<Map.Entry<String, JsonNode>> entries(JsonNode node) {
        List<Map.Entry<String, JsonNode>> entries = new ArrayList<>();
        if (node == null) {
            return entries;
        }
        if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                entries.add(new AbstractMap.SimpleEntry<>(String.valueOf(i), node.get(i)));
            }
        } else if (node.isObject()) {
            node.fields().forEachRemaining(f -> entries.add(new AbstractMap.SimpleEntry<>(f.getKey(), f.getValue())));
        }
        return entries;
    }

    /** True for a list, or a map whose keys are exactly 0..n-1 in order. */
    public static boolean isIndexedList(JsonNode node) {
        if (node == null || node.isArray()) {
            return node != null;
        }
        if (!node.isObject()) {
            return false;
        }
        int expected = 0;
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); expected++) {
            if (!it.next().equals(String.valueOf(expected))) {
                return false;
            }
        }
        return true;
    }

    /** Element {@code key} of a PHP array ({@code $a[0]} works on lists and maps). */
    public static JsonNode at(JsonNode array, String key) {
        if (array == null) {
            return null;
        }
        if (array.isArray()) {
            try {
                return array.get(Integer.parseInt(key));
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return array.get(key);
    }

    /** Re-encodes a value as PHP's json_encode would: empty maps become {@code []}, maps keyed 0..n-1 become lists. */
    public static JsonNode asPhpJson(JsonNode node) {
        if (node == null) {
            return null;
        }
        if (node.isArray()) {
            ArrayNode copy = JsonNodeFactory.instance.arrayNode();
            node.forEach(item -> copy.add(asPhpJson(item)));
            return copy;
        }
        if (node.isObject()) {
            if (isIndexedList(node)) {
                ArrayNode list = JsonNodeFactory.instance.arrayNode();
                node.forEach(item -> list.add(asPhpJson(item)));
                return list;
            }
            ObjectNode copy = JsonNodeFactory.instance.objectNode();
            node.fields().forEachRemaining(f -> copy.set(f.getKey(), asPhpJson(f.getValue())));
            return copy;
        }
        return node;
    }
}
