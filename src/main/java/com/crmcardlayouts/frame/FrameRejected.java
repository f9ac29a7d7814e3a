package com.crmcardlayouts.frame;

import com.crmcardlayouts.bitrix24.Bitrix24Exception;

/** An iframe request the app will not serve; rendered as an HTML error page in the user's language. */
public class FrameRejected extends RuntimeException {

    /** Why, with the HTTP status it is answered with. */
    public enum Reason {
        INCOMPLETE_REQUEST(400),
        NOT_AUTHENTICATED(401),
        FOREIGN_APP(403),
        WRONG_PORTAL(403),
        APPLICATION_TOKEN_MISMATCH(403),
        NOT_ADMIN(403),
        TAB_DISABLED(403),
        NOT_INSTALLED(409),
        BUSY(503),
        BITRIX24_UNAVAILABLE(503),
        BITRIX24_FAILED(502);

        public final int status;

        Reason(int status) {
            this.status = status;
        }
    }

    private final Reason reason;
    private final String lang;

    /** The page a failed Bitrix24 call leads to: try again later, open the app again, or an error. */
    public static FrameRejected of(Bitrix24Exception failure, String lang) {
        if (failure.isTransient()) {
            return new FrameRejected(Reason.BITRIX24_UNAVAILABLE, lang);
        }
        boolean notAuthenticated = failure instanceof Bitrix24Exception.InvalidToken
                || failure instanceof Bitrix24Exception.TokenRevoked || failure instanceof Bitrix24Exception.AppNotInstalled;
        return new FrameRejected(notAuthenticated ? Reason.NOT_AUTHENTICATED : Reason.BITRIX24_FAILED, lang);
    }

    public FrameRejected(Reason reason, String lang) {
        super(reason.name());
        this.reason = reason;
        this.lang = lang;
    }

    public Reason reason() {
        return reason;
    }

    public String lang() {
        return lang;
    }
}
