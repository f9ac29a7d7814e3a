package com.crmcardlayouts.simulator.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.TextNode;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PhpTest {

    private final ObjectMapper mapper = new ObjectMapper();

    @Test
    void int_cast_reads_a_leading_number() {
        assertEquals(12, Php.toInt(TextNode.valueOf("12abc")));
        assertEquals(0, Php.toInt(TextNode.valueOf("abc")));
        assertEquals(-3, Php.toInt(TextNode.valueOf(" -3")));
        assertEquals(1, Php.toInt(BooleanNode.TRUE));
        assertEquals(0, Php.toInt(null));
    }

    @Test
    void the_string_false_is_truthy() {
        assertTrue(Php.truthy(TextNode.valueOf("false")));
        assertFalse(Php.truthy(TextNode.valueOf("0")));
        assertFalse(Php.truthy(TextNode.valueOf("")));
        assertFalse(Php.truthy(BooleanNode.FALSE));
        assertFalse(Php.truthy(IntNode.valueOf(0)));
    }

    @Test
    void numeric_strings_are_numeric() {
        assertTrue(Php.isNumeric(TextNode.valueOf("1")));
        assertTrue(Php.isNumeric(TextNode.valueOf(" 1.5e3")));
        assertFalse(Php.isNumeric(TextNode.valueOf("1a")));
    }

    @Test
    void json_encoding_turns_empty_and_indexed_maps_into_lists() throws Exception {
        JsonNode encoded = Php.asPhpJson(mapper.readTree("{\"a\":{},\"b\":{\"0\":\"x\",\"1\":\"y\"},\"c\":{\"1\":\"z\"}}"));

        assertEquals("{\"a\":[],\"b\":[\"x\",\"y\"],\"c\":{\"1\":\"z\"}}", encoded.toString());
    }
}
