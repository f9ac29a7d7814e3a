package com.crmcardlayouts.web;

import com.crmcardlayouts.requests.ErrorCode;
import com.crmcardlayouts.portal.DatabaseOutage;
import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.Map;

/**
 * What the framework answers by itself under {@code /api/}, the page API answers in its own format
 * (CONTRACT §3), so the pages' scripts can always show {@code message}: no such path or method,
 * an unacceptable or unsupported media type, a body over the HTTP layer's limit, the database
 * being unreachable for a moment ({@code 503 UNAVAILABLE}), an exception nobody expected.
 * Everything else keeps the framework's answers.
 */
@ApplicationScoped
public class ApiFailures {

    private static final Logger LOG = Logger.getLogger(ApiFailures.class);
    private static final String API = "/api/";
    /** Just before the HTTP layer's own size check, which would answer 413 without a body. */
    private static final int BEFORE_UPLOAD_LIMIT = -3;
    /** A PostgreSQL restart takes seconds, a failover about a minute. */
    static final String RETRY_AFTER_SECONDS = "30";
    /** After the REST layer, which passes on the requests no resource matches. */
    private static final int AFTER_REST = 30_000;

    private final SessionGuard guard;
    private final long maxBodyBytes;

    public ApiFailures(SessionGuard guard, @ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize maxBodySize) {
        this.guard = guard;
        this.maxBodyBytes = maxBodySize.asLongValue();
    }

    void routes(@Observes Router router) {
        router.route(API + "*").order(BEFORE_UPLOAD_LIMIT).handler(this::refuseOversizedBody);
        router.route(API + "*").order(AFTER_REST).handler(ctx -> answer(ctx, 404));
        router.route(API + "*").failureHandler(this::failed);
    }

    @ServerExceptionMapper
    public Response framework(WebApplicationException e, UriInfo uri, HttpHeaders headers) {
        if (!uri.getPath().startsWith(API)) {
            return e.getResponse();
        }
        int status = e.getResponse().getStatus();
        if (status >= 500) {
            LOG.error("Page-API request failed", e);
        }
        ErrorCode code = codeOf(status);
        return Response.status(statusOf(code, status)).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(Map.of("error", code.name(), "message", message(code, headers.getHeaderString(HttpHeaders.AUTHORIZATION))))
                .build();
    }

    private void refuseOversizedBody(RoutingContext ctx) {
        String length = ctx.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length != null && length.matches("[0-9]{1,18}") && Long.parseLong(length) > maxBodyBytes) {
            // The body is not read: close the connection after answering, as the HTTP layer does.
            ctx.response().putHeader("Connection", "close");
            answer(ctx, 413);
            return;
        }
        ctx.next();
    }

    private void failed(RoutingContext ctx) {
        if (DatabaseOutage.isCause(ctx.failure())) {
            // Temporary and not the caller's fault: say when to come back, without a stack trace per request.
            LOG.warnf("Page-API request refused, the database is unavailable: %s", ctx.failure().getClass().getSimpleName());
            ctx.response().putHeader(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS);
            answer(ctx, 503);
            return;
        }
        if (ctx.failure() != null) {
            LOG.error("Page-API request failed", ctx.failure());
        }
        answer(ctx, ctx.statusCode() > 0 ? ctx.statusCode() : 500);
    }

    private void answer(RoutingContext ctx, int status) {
        if (ctx.response().headWritten()) {
            ctx.response().close();
            return;
        }
        ErrorCode code = codeOf(status);
        ctx.response().setStatusCode(statusOf(code, status)).putHeader(HttpHeaders.CONTENT_TYPE, MediaType.APPLICATION_JSON);
        ApiHeaders.PROTECTIVE.forEach(ctx.response()::putHeader);
        ctx.response().end(new JsonObject().put("error", code.name())
                        .put("message", message(code, ctx.request().getHeader(HttpHeaders.AUTHORIZATION))).encode());
    }

    /** The framework's own refusals; any other 4xx is the caller's fault, anything else the app's. */
    private static ErrorCode codeOf(int status) {
        return switch (status) {
            case 404 -> ErrorCode.NOT_FOUND;
            case 405 -> ErrorCode.METHOD_NOT_ALLOWED;
            case 406 -> ErrorCode.NOT_ACCEPTABLE;
            case 413 -> ErrorCode.PAYLOAD_TOO_LARGE;
            case 415 -> ErrorCode.UNSUPPORTED_MEDIA_TYPE;
            case 503 -> ErrorCode.UNAVAILABLE;
            default -> status >= 400 && status < 500 ? ErrorCode.INVALID_INPUT : ErrorCode.INTERNAL_ERROR;
        };
    }

    private static int statusOf(ErrorCode code, int status) {
        return code == ErrorCode.INTERNAL_ERROR ? 500 : status;
    }

    private String message(ErrorCode code, String authorization) {
        AppMessages msg = ApiMessages.in(guard.peek(authorization).map(AppSession::lang).orElse("en"));
        return switch (code) {
            case NOT_FOUND -> msg.api_not_found();
            case METHOD_NOT_ALLOWED -> msg.api_method_not_allowed();
            case NOT_ACCEPTABLE -> msg.api_not_acceptable();
            case UNSUPPORTED_MEDIA_TYPE -> msg.api_unsupported_media_type();
            case PAYLOAD_TOO_LARGE -> msg.api_body_too_large();
            case INTERNAL_ERROR -> msg.api_internal_error();
            case UNAVAILABLE -> msg.api_unavailable();
            default -> msg.api_invalid_request();
        };
    }
}
