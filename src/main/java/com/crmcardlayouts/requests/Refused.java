package com.crmcardlayouts.requests;

import java.util.Optional;

/**
 * A page-API request the app refused or Bitrix24 failed.
 *
 * @see Refusal
 */
public class Refused extends RuntimeException {

    private final Refusal refusal;
    private final String field;
    private final Long retryAfterSeconds;

    public Refused(Refusal refusal) {
        this(refusal, null);
    }

    /** @param field the offending request field, e.g. {@code userId}, for the explanation */
    public Refused(Refusal refusal, String field) {
        this(refusal, field, null);
    }

    /** @param retryAfterSeconds when asking again makes sense, answered as {@code Retry-After}; null if unknown */
    public Refused(Refusal refusal, String field, Long retryAfterSeconds) {
        super(field == null ? refusal.name() : refusal.name() + " (" + field + ")");
        this.refusal = refusal;
        this.field = field;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public Refusal refusal() {
        return refusal;
    }

    public String field() {
        return field;
    }

    public Optional<Long> retryAfterSeconds() {
        return Optional.ofNullable(retryAfterSeconds);
    }
}
