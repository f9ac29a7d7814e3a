package com.crmcardlayouts.web;

import com.crmcardlayouts.requests.Refused;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.Map;

/** Answers a refused page-API request with {@code {"error": CODE, "message": text}} in the caller's language. */
public class ApiErrors {

    private final SessionGuard guard;

    public ApiErrors(SessionGuard guard) {
        this.guard = guard;
    }

    @ServerExceptionMapper
    public Response refused(Refused refused, HttpHeaders headers) {
        String lang = guard.peek(headers.getHeaderString(HttpHeaders.AUTHORIZATION)).map(AppSession::lang).orElse("en");
        Response.ResponseBuilder answer = Response.status(refused.refusal().code.status)
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(Map.of("error", refused.refusal().code.name(), "message", ApiMessages.explain(refused, lang)));
        refused.retryAfterSeconds().ifPresent(seconds -> answer.header(HttpHeaders.RETRY_AFTER, seconds));
        return answer.build();
    }
}
