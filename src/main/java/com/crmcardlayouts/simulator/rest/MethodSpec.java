package com.crmcardlayouts.simulator.rest;

import java.util.Set;

/**
 * A registered REST method.
 *
 * @param name   lower-case, e.g. {@code crm.item.details.configuration.get}
 * @param scopes the token needs one of these; empty for global methods
 * @param body   what it does
 */
public record MethodSpec(String name, Set<String> scopes, RestMethod body) {

    public static MethodSpec global(String name, RestMethod body) {
        return new MethodSpec(name, Set.of(), body);
    }

    public static MethodSpec scoped(String name, String scope, RestMethod body) {
        return new MethodSpec(name, Set.of(scope), body);
    }
}
