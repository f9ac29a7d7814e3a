package com.crmcardlayouts.bitrix24;

import java.util.Map;

/**
 * The user a token belongs to, as {@code profile} describes them.
 *
 * @param id       e.g. {@code 7}
 * @param admin    a portal administrator
 * @param timeZone e.g. {@code Europe/Berlin}; empty when the user set none
 */
public record Profile(long id, boolean admin, String name, String lastName, String timeZone) {

    /** The user the token belongs to. */
    public static Operation<Profile> current() {
        return Operation.of("profile", Map.of(), reply -> new Profile(reply.result().path("ID").asLong(0),
                reply.result().path("ADMIN").asBoolean(false), reply.result().path("NAME").asText(""),
                reply.result().path("LAST_NAME").asText(""), reply.result().path("TIME_ZONE").asText("")));
    }
}
