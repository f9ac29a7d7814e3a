package com.crmcardlayouts.web;

import com.crmcardlayouts.frame.FrameRejected;
import io.quarkus.qute.CheckedTemplate;
import com.crmcardlayouts.portal.DatabaseOutage;
import io.quarkus.qute.TemplateInstance;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.core.HttpHeaders;
import org.jboss.logging.Logger;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

import java.util.Locale;
import java.util.Optional;

/**
 * Renders a rejected iframe request as a page in the user's language, with the reason's HTTP status;
 * and a frame page that failed because the database is unreachable as a "try again in a minute" page.
 */
@Provider
public class ErrorPages implements ExceptionMapper<FrameRejected> {

    private static final Logger LOG = Logger.getLogger(ErrorPages.class);
    private static final String FRAMES = "/bitrix24/*";

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance error(String reason, int status);
    }

    private final PageResponses responses;

    public ErrorPages(PageResponses responses) {
        this.responses = responses;
    }

    void routes(@Observes Router router) {
        router.route(FRAMES).failureHandler(this::failed);
    }

    /** A frame page that failed on the database: the friendly page instead of the framework's 500. */
    private void failed(RoutingContext ctx) {
        if (!DatabaseOutage.isCause(ctx.failure()) || ctx.response().headWritten()) {
            ctx.next();
            return;
        }
        LOG.warnf("Page refused, the database is unavailable: %s", ctx.failure().getClass().getSimpleName());
        String lang = Optional.ofNullable(ctx.request().getParam("LANG")).orElse("en");
        ctx.response().putHeader(HttpHeaders.RETRY_AFTER, ApiFailures.RETRY_AFTER_SECONDS);
        responses.unverifiedErrorPage(ctx.response(), Templates.error("app_unavailable", 503), Locale.forLanguageTag(lang), 503);
    }

    @Override
    public Response toResponse(FrameRejected rejected) {
        FrameRejected.Reason reason = rejected.reason();
        TemplateInstance page = Templates.error(reason.name().toLowerCase(Locale.ROOT), reason.status);
        return responses.unverifiedErrorPage(page, Locale.forLanguageTag(rejected.lang()), reason.status);
    }
}
