package com.crmcardlayouts.simulator.rest;

import java.net.URI;
import java.net.URISyntaxException;

/** Bitrix24's check of placement and event handler URLs: {@code http(s)://host.with.dot/…}. */
final class HandlerUrls {

    private HandlerUrls() {
    }

    static void check(String handler) {
        URI uri;
        try {
            uri = new URI(handler);
        } catch (URISyntaxException e) {
            throw wrongUrl();
        }
        String host = uri.getHost();
        if (uri.getScheme() == null || host == null || !host.contains(".")) {
            throw wrongUrl();
        }
        String scheme = uri.getScheme().toLowerCase();
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new RestError(400, "ERROR_UNSUPPORTED_PROTOCOL", "Unsupported handler protocol");
        }
    }

    private static RestError wrongUrl() {
        return new RestError(400, "ERROR_WRONG_HANDLER_URL", "Wrong handler URL");
    }
}
