package com.crmcardlayouts.bitrix24;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A user of the portal as {@code user.get} lists them.
 *
 * @param id e.g. {@code 7}
 */
public record PortalUser(long id, String name, String lastName, boolean active) {

    /** "First Last", or {@code #7} for a user without a name. */
    public String displayName() {
        String full = (name + " " + lastName).trim();
        return full.isEmpty() ? "#" + id : full;
    }

    /** A page of the portal's active users, 50 at most, starting at row {@code start}. */
    public static Operation<Page<PortalUser>> active(int start) {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("FILTER", Map.of("ACTIVE", true));
        params.put("start", start);
        return Operation.of("user.get", params, PortalUser::page);
    }

    private static Page<PortalUser> page(Reply reply) {
        List<PortalUser> users = new ArrayList<>();
        for (JsonNode user : reply.result()) {
            long id = user.path("ID").asLong(0);
            if (id > 0) {
                users.add(new PortalUser(id, user.path("NAME").asText(""), user.path("LAST_NAME").asText(""),
                        user.path("ACTIVE").asBoolean(true)));
            }
        }
        return new Page<>(users, Optional.ofNullable(reply.next()), Optional.ofNullable(reply.total()));
    }
}
