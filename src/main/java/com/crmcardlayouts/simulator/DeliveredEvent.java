package com.crmcardlayouts.simulator;

import java.time.Instant;
import java.util.Map;

/**
 * One event POST the portal made to an app handler.
 *
 * @param event      e.g. {@code ONAPPINSTALL}
 * @param handler    the URL posted to
 * @param form       the form fields exactly as sent (bracket keys, e.g. {@code auth[member_id]})
 * @param httpStatus the handler's answer, or 0 when it could not be reached
 * @param failure    why the delivery failed, or empty
 * @param at         when it was sent
 */
public record DeliveredEvent(String event, String handler, Map<String, String> form, int httpStatus,
                             String failure, Instant at) {

    public boolean succeeded() {
        return httpStatus >= 200 && httpStatus < 300;
    }
}
