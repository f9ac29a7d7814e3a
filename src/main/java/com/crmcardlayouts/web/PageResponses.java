package com.crmcardlayouts.web;

import com.crmcardlayouts.config.AppConfig;
import io.quarkus.qute.TemplateInstance;
import io.vertx.core.http.HttpServerResponse;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.net.URI;
import java.util.Locale;
import java.util.Map;

/**
 * Wraps rendered pages in the headers they need: framable by the portal's own origin only,
 * no caching (pages carry a session), and a script policy that allows just our files and BX24.
 */
@ApplicationScoped
public class PageResponses {

    private final String scriptSources;

    public PageResponses(AppConfig config) {
        this.scriptSources = scriptSources(config.bx24ScriptUrl());
    }

    /** A page for a verified portal: only that portal may frame it. */
    public Response page(TemplateInstance page, Locale locale, String portalOrigin) {
        return build(page, locale, 200, "'self' " + portalOrigin);
    }

    /**
     * An error page for a request nobody could verify. It offers no action and shows no data, so
     * any site may frame it; otherwise the user would see a blank tab instead of what went wrong.
     */
    public Response unverifiedErrorPage(TemplateInstance page, Locale locale, int status) {
        return build(page, locale, status, "*");
    }

    /** As {@link #unverifiedErrorPage(TemplateInstance, Locale, int)}, written where no JAX-RS response can be returned. */
    void unverifiedErrorPage(HttpServerResponse response, TemplateInstance page, Locale locale, int status) {
        response.setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, MediaType.TEXT_HTML_TYPE.withCharset("UTF-8").toString());
        headers("*").forEach(response::putHeader);
        response.end(page.setLocale(locale).render());
    }

    private Response build(TemplateInstance page, Locale locale, int status, String frameAncestors) {
        String html = page.setLocale(locale).render();
        Response.ResponseBuilder response = Response.status(status).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"));
        headers(frameAncestors).forEach(response::header);
        return response.entity(html).build();
    }

    private Map<String, String> headers(String frameAncestors) {
        return Map.of("Content-Security-Policy", "default-src 'self'; script-src " + scriptSources
                        + "; style-src 'self'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors "
                        + frameAncestors,
                "Cache-Control", "no-store",
                "Referrer-Policy", "no-referrer",
                "X-Content-Type-Options", "nosniff");
    }

    private static String scriptSources(String bx24ScriptUrl) {
        URI uri = URI.create(bx24ScriptUrl);
        return uri.getScheme() == null ? "'self'" : "'self' " + uri.getScheme() + "://" + uri.getRawAuthority();
    }
}
