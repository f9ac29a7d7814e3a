package com.crmcardlayouts.requests;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.util.Iterator;
import java.util.Optional;
import java.util.Set;

/**
 * A page-API JSON body read strictly: one object, no duplicate or unknown keys, and every value of
 * exactly the JSON type asked for ({@code "1"} is not a number, {@code 1.0} not an integer, and
 * {@code null} is none of them: a field left out is absent, a field sent as null is wrong).
 */
public final class JsonInput {

    /** Bodies larger than this are refused before they are parsed. */
    public static final int MAX_BODY_BYTES = 64 * 1024;

    private static final ObjectMapper STRICT = JsonMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private final ObjectNode body;

    private JsonInput(ObjectNode body) {
        this.body = body;
    }

    /** Parses {@code bytes} as one JSON object that may hold only the {@code allowed} keys. */
    public static JsonInput parse(byte[] bytes, Set<String> allowed) {
        if (bytes.length > MAX_BODY_BYTES) {
            throw new Refused(Refusal.BODY_TOO_LARGE);
        }
        JsonNode node;
        try {
            node = STRICT.readTree(bytes);
        } catch (IOException e) {
            throw new Refused(Refusal.BODY_NOT_JSON_OBJECT);
        }
        if (!(node instanceof ObjectNode object)) {
            throw new Refused(Refusal.BODY_NOT_JSON_OBJECT);
        }
        for (Iterator<String> names = object.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!allowed.contains(name)) {
                throw new Refused(Refusal.FIELD_UNKNOWN, name);
            }
        }
        return new JsonInput(object);
    }

    public boolean has(String field) {
        return body.has(field);
    }

    /** An integer field, empty when left out. */
    public Optional<Long> integer(String field) {
        JsonNode value = body.get(field);
        if (value == null) {
            return Optional.empty();
        }
        if (!value.isIntegralNumber() || !value.canConvertToLong()) {
            throw new Refused(Refusal.FIELD_NOT_INTEGER, field);
        }
        return Optional.of(value.longValue());
    }

    /** A string field, empty when left out; any other type yields {@code wrongType}. */
    public Optional<String> text(String field, Refusal wrongType) {
        JsonNode value = body.get(field);
        if (value == null) {
            return Optional.empty();
        }
        if (!value.isTextual()) {
            throw new Refused(wrongType, field);
        }
        return Optional.of(value.textValue());
    }

    public boolean requiredBoolean(String field) {
        JsonNode value = body.get(field);
        if (value == null) {
            throw new Refused(Refusal.FIELD_MISSING, field);
        }
        if (!value.isBoolean()) {
            throw new Refused(Refusal.FIELD_NOT_BOOLEAN, field);
        }
        return value.booleanValue();
    }

    /** An array field, as raw nodes for the caller to check; empty when left out. */
    public Optional<JsonNode> array(String field, Refusal wrongType) {
        JsonNode value = body.get(field);
        if (value == null) {
            return Optional.empty();
        }
        if (!value.isArray()) {
            throw new Refused(wrongType, field);
        }
        return Optional.of(value);
    }
}
