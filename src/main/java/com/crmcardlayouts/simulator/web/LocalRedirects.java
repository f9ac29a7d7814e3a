package com.crmcardlayouts.simulator.web;

import io.quarkus.arc.profile.IfBuildProfile;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Where a browser of a local build lands: the bare app URL leads to the simulator, the only page a
 * person can open without a Bitrix24 portal; and the simulator opened as {@code localhost} moves to
 * {@code 127.0.0.1}, because Bitrix24 handler URLs need a dot in the host and the app's
 * frame-ancestors rules name 127.0.0.1.
 */
@ApplicationScoped
@IfBuildProfile(anyOf = {"dev", "test", "demo"})
public class LocalRedirects {

    void install(@Observes Router router) {
        router.route(HttpMethod.GET, "/").order(-100).handler(ctx -> ctx.response().setStatusCode(302)
                .putHeader("Location", "/simulator").end());
        router.routeWithRegex("/simulator(/.*)?").order(-100).handler(ctx -> {
            String host = ctx.request().getHeader("Host");
            boolean read = HttpMethod.GET.equals(ctx.request().method()) || HttpMethod.HEAD.equals(ctx.request().method());
            if (read && host != null && (host.equalsIgnoreCase("localhost") || host.regionMatches(true, 0, "localhost:", 0, 10))) {
                String port = host.length() > 9 ? host.substring(9) : "";
                ctx.response().setStatusCode(302)
                        .putHeader("Location", "http://127.0.0.1" + port + ctx.request().uri())
                        .end();
            } else {
                ctx.next();
            }
        });
    }
}
