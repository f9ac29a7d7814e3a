package com.crmcardlayouts.cardlayouts;

/** A portal user a CRM settings manager can pick, e.g. {@code 12, "Anna Smith"}. */
public record Colleague(long id, String name) {
}
