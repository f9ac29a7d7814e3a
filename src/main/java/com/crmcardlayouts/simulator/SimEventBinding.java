package com.crmcardlayouts.simulator;

/**
 * An event handler bound by the app with {@code event.bind}.
 *
 * @param id      the {@code event_handler_id} sent with each delivery, e.g. {@code 12}
 * @param event   upper-case event code, e.g. {@code ONAPPINSTALL}
 * @param handler delivery URL; empty for offline events
 * @param userId  the user whose tokens the event carries; 0 for an admin binding without AUTH_TYPE
 * @param offline offline events are queued, never delivered
 */
public record SimEventBinding(long id, String event, String handler, long userId, boolean offline) {
}
