package com.crmcardlayouts.simulator.rest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FormBodyParserTest {

    @Test
    void bracket_keys_become_nested_maps_of_strings() {
        ObjectNode parsed = FormBodyParser.parse("data%5B0%5D%5Bname%5D=main&data[0][elements][0][optionFlags]=1&a=b");

        assertEquals("main", parsed.at("/data/0/name").textValue());
        assertEquals("1", parsed.at("/data/0/elements/0/optionFlags").textValue());
        assertEquals("b", parsed.get("a").textValue());
    }

    @Test
    void empty_brackets_append() {
        ObjectNode parsed = FormBodyParser.parse("ids[]=7&ids[]=9&ids[5]=x&ids[]=y");

        assertEquals("7", parsed.at("/ids/0").textValue());
        assertEquals("9", parsed.at("/ids/1").textValue());
        assertEquals("y", parsed.at("/ids/6").textValue());
    }

    @Test
    void the_last_duplicate_wins_and_plus_is_a_space() {
        ObjectNode parsed = FormBodyParser.parse("title=first&title=second+one");

        assertEquals("second one", parsed.get("title").textValue());
    }

    @Test
    void dots_in_top_level_names_become_underscores_but_not_inside_brackets() {
        ObjectNode parsed = FormBodyParser.parse("lead.customer.type=2&extras[lead.customer.type]=2");

        assertTrue(parsed.has("lead_customer_type"));
        assertEquals("2", parsed.at("/extras/lead.customer.type").textValue());
    }

    @Test
    void a_field_without_value_is_an_empty_string() {
        ObjectNode parsed = FormBodyParser.parse("halt&cmd[a]=user.current");

        assertEquals("", parsed.get("halt").textValue());
        assertEquals("user.current", parsed.at("/cmd/a").textValue());
    }
}
