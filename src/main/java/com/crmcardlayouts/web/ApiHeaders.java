package com.crmcardlayouts.web;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

import java.util.Map;

/** Page-API answers (errors from the framework included) are never framed and never cached. */
public class ApiHeaders {

    /** Every JSON API answer: never framed, never cached, never sniffed. */
    static final Map<String, String> PROTECTIVE = Map.of(
            "X-Frame-Options", "DENY",
            "Content-Security-Policy", "frame-ancestors 'none'",
            "Cache-Control", "no-store",
            "X-Content-Type-Options", "nosniff");

    @ServerResponseFilter
    public void protect(ContainerRequestContext request, ContainerResponseContext response) {
        if (request.getUriInfo().getPath().startsWith("/api/")) {
            PROTECTIVE.forEach(response.getHeaders()::putSingle);
        }
    }
}
