package com.crmcardlayouts.simulator.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;

/**
 * A method's successful result; list methods add {@code total} and {@code next}.
 *
 * @param result the value of {@code result}
 * @param total  the list's full size, or null
 * @param next   the offset of the next page, or null
 */
public record RestResult(JsonNode result, Integer total, Integer next) {

    public static RestResult of(JsonNode result) {
        return new RestResult(result, null, null);
    }

    public static RestResult ofTrue() {
        return of(BooleanNode.TRUE);
    }
}
