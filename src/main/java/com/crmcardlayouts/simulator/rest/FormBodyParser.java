package com.crmcardlayouts.simulator.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Parses {@code application/x-www-form-urlencoded} data the way PHP's {@code parse_str} does:
 * {@code a[b][0][c]=v} becomes nested maps, {@code a[]=v} appends, every value is a string, the
 * last duplicate wins, and dots and spaces in a top-level name become underscores.
 */
public final class FormBodyParser {

    private FormBodyParser() {
    }

    public static ObjectNode parse(String encoded) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        if (encoded == null || encoded.isEmpty()) {
            return root;
        }
        for (String pair : encoded.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            put(root, name, value);
        }
        return root;
    }

    /** Stores one decoded field under its bracket path. */
    public static void put(ObjectNode root, String name, String value) {
        int open = name.indexOf('[');
        String base = open <= 0 ? name : name.substring(0, open);
        if (base.isEmpty()) {
            return;
        }
        base = base.replace('.', '_').replace(' ', '_');
        List<String> path = new ArrayList<>();
        path.add(base);
        if (open > 0) {
            int pos = open;
            while (pos < name.length() && name.charAt(pos) == '[') {
                int close = name.indexOf(']', pos);
                if (close < 0) {
                    break;
                }
                path.add(name.substring(pos + 1, close));
                pos = close + 1;
            }
        }
        ObjectNode node = root;
        for (int i = 0; i < path.size(); i++) {
            String key = path.get(i).isEmpty() ? nextIndex(node) : path.get(i);
            if (i == path.size() - 1) {
                node.put(key, value);
            } else {
                JsonNode child = node.get(key);
                if (!(child instanceof ObjectNode)) {
                    child = node.putObject(key);
                }
                node = (ObjectNode) child;
            }
        }
    }

    private static String nextIndex(ObjectNode node) {
        long next = 0;
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (key.matches("-?\\d{1,18}")) {
                next = Math.max(next, Long.parseLong(key) + 1);
            }
        }
        return String.valueOf(next);
    }

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return s;
        }
    }
}
