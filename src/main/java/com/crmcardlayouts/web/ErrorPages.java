package com.crmcardlayouts.web;

import com.crmcardlayouts.lifecycle.FrameRejected;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

import java.util.Locale;

/** Renders a rejected iframe request as a page in the user's language, with the reason's HTTP status. */
@Provider
public class ErrorPages implements ExceptionMapper<FrameRejected> {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance error(String reason, int status);
    }

    private final PageResponses responses;

    public ErrorPages(PageResponses responses) {
        this.responses = responses;
    }

    @Override
    public Response toResponse(FrameRejected rejected) {
        FrameRejected.Reason reason = rejected.reason();
        TemplateInstance page = Templates.error(reason.name().toLowerCase(Locale.ROOT), reason.status);
        return responses.unverifiedErrorPage(page, Locale.forLanguageTag(rejected.lang()), reason.status);
    }
}
