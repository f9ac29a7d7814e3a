package com.crmcardlayouts.pageapi;

/**
 * A page-API request the app refused or Bitrix24 failed.
 *
 * @see Refusal
 */
public class Refused extends RuntimeException {

    private final Refusal refusal;
    private final String field;

    public Refused(Refusal refusal) {
        this(refusal, null);
    }

    /** @param field the offending request field, e.g. {@code userId}, for the explanation */
    public Refused(Refusal refusal, String field) {
        super(field == null ? refusal.name() : refusal.name() + " (" + field + ")");
        this.refusal = refusal;
        this.field = field;
    }

    public Refusal refusal() {
        return refusal;
    }

    public String field() {
        return field;
    }
}
