package com.crmcardlayouts.simulator.rest;

import com.crmcardlayouts.simulator.SimPortal;
import com.crmcardlayouts.simulator.SimUser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One authenticated method call.
 *
 * @param portal the portal called
 * @param caller the user the token or webhook acts as
 * @param auth   how the caller authenticated
 * @param scope  the token's or webhook's scopes, comma-separated
 * @param method lower-case method name, e.g. {@code placement.bind}
 * @param params query overlaid by body, auth keys removed
 */
public record RestCall(SimPortal portal, SimUser caller, AuthKind auth, String scope, String method, ObjectNode params) {

    /** OAuth application token or incoming webhook. */
    public enum AuthKind { APPLICATION, WEBHOOK }

    public boolean applicationContext() {
        return auth == AuthKind.APPLICATION;
    }

    public JsonNode param(String name) {
        return params.get(name);
    }

    /** Bitrix24's REST admin: the portal administrator (not the CRM settings role). */
    public boolean restAdmin() {
        return caller.portalAdmin();
    }
}
