package com.crmcardlayouts.frame;

import com.crmcardlayouts.portal.TokenPair;
import jakarta.ws.rs.core.MultivaluedMap;

import java.time.Instant;
import java.util.Locale;

/**
 * The form POST with which Bitrix24 opens one of the app's pages in an iframe (install, app page,
 * placement). Nothing in it is believed until {@link FrameVerifier} has checked {@link #authId()}.
 * {@code toString} leaves the tokens out.
 *
 * @param lang             the viewing user's interface language, e.g. {@code en}
 * @param memberId         the portal the request claims to come from
 * @param placement        e.g. {@code DEFAULT} or {@code CRM_LEAD_DETAIL_TAB}
 * @param placementOptions a JSON string such as {@code {"ID":"42"}}, untrusted
 * @param applicationToken sent by newer portals only
 */
public record FrameRequest(String lang, String authId, String refreshId, long authExpiresSeconds, String memberId,
                           String placement, String placementOptions, String applicationToken) {

    private static final long DEFAULT_LIFETIME = 3600;

    public static FrameRequest of(String lang, MultivaluedMap<String, String> form) {
        return new FrameRequest(language(lang), trim(form.getFirst("AUTH_ID")), trim(form.getFirst("REFRESH_ID")),
                lifetime(form.getFirst("AUTH_EXPIRES")), trim(form.getFirst("member_id")),
                trim(form.getFirst("PLACEMENT")), form.getFirst("PLACEMENT_OPTIONS"),
                trim(form.getFirst("APPLICATION_TOKEN")));
    }

    /** The pair this request hands over; Bitrix24 sends a lifetime in seconds, not a timestamp. */
    public TokenPair tokens() {
        return new TokenPair(authId, refreshId, Instant.now().plusSeconds(authExpiresSeconds));
    }

    public boolean hasRefreshToken() {
        return refreshId != null && !refreshId.isEmpty();
    }

    public Locale locale() {
        return Locale.forLanguageTag(lang);
    }

    /** Two-letter language, {@code en} when absent or odd; only a few are translated, the rest read English. */
    static String language(String lang) {
        if (lang == null || !lang.matches("[A-Za-z]{2}([-_][A-Za-z]{2})?")) {
            return "en";
        }
        return lang.substring(0, 2).toLowerCase(Locale.ROOT);
    }

    private static long lifetime(String value) {
        try {
            long seconds = Long.parseLong(value == null ? "" : value.trim());
            return seconds > 0 && seconds <= 86_400 ? seconds : DEFAULT_LIFETIME;
        } catch (NumberFormatException e) {
            return DEFAULT_LIFETIME;
        }
    }

    private static String trim(String value) {
        return value == null ? null : value.trim();
    }

    @Override
    public String toString() {
        return "FrameRequest[lang=" + lang + ", memberId=" + memberId + ", placement=" + placement + "]";
    }
}
