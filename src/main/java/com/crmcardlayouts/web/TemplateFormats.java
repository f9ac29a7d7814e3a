package com.crmcardlayouts.web;

import io.quarkus.qute.TemplateExtension;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** How pages print values: {@code {entry.occurredAt.utc}} → {@code 2026-05-01 12:34 UTC}. */
@TemplateExtension
public class TemplateFormats {

    private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    static String utc(Instant instant) {
        return UTC.format(instant);
    }
}
