package com.crmcardlayouts.cardlayouts;

/**
 * A page-API request the app refused or Bitrix24 failed.
 *
 * @see Refusal
 */
public class LayoutRefused extends RuntimeException {

    private final Refusal refusal;
    private final String field;

    public LayoutRefused(Refusal refusal) {
        this(refusal, null);
    }

    /** @param field the offending request field, e.g. {@code userId}, for the explanation */
    public LayoutRefused(Refusal refusal, String field) {
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
