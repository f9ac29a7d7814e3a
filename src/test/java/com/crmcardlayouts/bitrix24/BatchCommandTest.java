package com.crmcardlayouts.bitrix24;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class BatchCommandTest {

    @Test
    void nested_maps_and_lists_use_brackets_as_php_reads_them() {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("entityTypeId", 2);
        params.put("extras", Map.of("dealCategoryId", 5));
        params.put("data", List.of(Map.of("name", "main")));
        assertEquals("crm.item.details.configuration.set?entityTypeId=2&extras[dealCategoryId]=5&data[0][name]=main",
                BatchCommand.of("crm.item.details.configuration.set", params));
    }

    @Test
    void booleans_become_1_and_0_and_nulls_are_left_out() {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("FILTER", Map.of("ACTIVE", true));
        params.put("halt", false);
        params.put("skipped", null);
        assertEquals("user.get?FILTER[ACTIVE]=1&halt=0", BatchCommand.of("user.get", params));
    }

    @Test
    void values_are_url_encoded_so_that_they_cannot_break_out_of_their_command() {
        assertEquals("placement.bind?TITLE=Card+layout+%26+more%3Fx%3D1%5B%5D",
                BatchCommand.of("placement.bind", Map.of("TITLE", "Card layout & more?x=1[]")));
        assertEquals("profile", BatchCommand.of("profile", Map.of()));
    }
}
