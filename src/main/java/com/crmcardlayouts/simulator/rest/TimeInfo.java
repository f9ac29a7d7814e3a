package com.crmcardlayouts.simulator.rest;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/** The {@code time} object of a REST answer, timed from its creation. */
final class TimeInfo {

    private static final DateTimeFormatter ISO = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxxx");

    private final Instant start = Instant.now();
    private final long startNanos = System.nanoTime();
    private long processingStartNanos = startNanos;

    void processingStarts() {
        processingStartNanos = System.nanoTime();
    }

    ObjectNode toJson() {
        long now = System.nanoTime();
        double duration = (now - startNanos) / 1e9;
        Instant finish = start.plusNanos(now - startNanos);
        ObjectNode time = JsonNodeFactory.instance.objectNode();
        time.put("start", plain(seconds(start)));
        time.put("finish", plain(seconds(finish)));
        time.put("duration", plain(duration));
        time.put("processing", plain((now - processingStartNanos) / 1e9));
        time.put("date_start", iso(start));
        time.put("date_finish", iso(finish));
        return time;
    }

    /** A single call's answer also says how much of the method's time the portal has used. */
    static ObjectNode withOperating(ObjectNode time, double operating, Instant resetAt) {
        time.put("operating", plain(operating));
        if (resetAt != null) {
            time.put("operating_reset_at", resetAt.getEpochSecond());
        }
        return time;
    }

    /** PHP writes floats as plain decimals ({@code 1733234567.123456}), never {@code 1.733E9}. */
    private static BigDecimal plain(double seconds) {
        return BigDecimal.valueOf(seconds).setScale(6, RoundingMode.HALF_UP);
    }

    private static double seconds(Instant instant) {
        return instant.getEpochSecond() + instant.getNano() / 1e9;
    }

    private static String iso(Instant instant) {
        return OffsetDateTime.ofInstant(instant.truncatedTo(ChronoUnit.SECONDS), ZoneId.systemDefault()).format(ISO);
    }
}
