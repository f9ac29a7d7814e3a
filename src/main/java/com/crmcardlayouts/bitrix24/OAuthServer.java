package com.crmcardlayouts.bitrix24;

import com.crmcardlayouts.config.Bitrix24Config;
import com.crmcardlayouts.portal.RefreshAnswer;
import com.crmcardlayouts.portal.TokenPair;
import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/** Verifies tokens with, and refreshes them at, the configured OAuth server; the client secret goes nowhere else. */
@ApplicationScoped
public class OAuthServer {

    private static final Logger LOG = Logger.getLogger(OAuthServer.class);
    private static final Set<String> INVALID_TOKEN = Set.of("invalid_token", "expired_token", "NO_AUTH_FOUND",
            "authorization_error", "user_access_error", "invalid_request");
    private static final Set<String> DEAD_REFRESH_TOKEN = Set.of("invalid_grant", "bad_verification_code");

    /**
     * Verification sits in the path of events Bitrix24 expects answered within 2 s, together with the
     * administrator check ({@link Bitrix24Client#QUICK_LIMIT}): 1.0 + 0.7 s leaves room for the database.
     */
    static final Duration VERIFY_LIMIT = Duration.ofMillis(1000);
    /** A refresh must not be cut short once the server may have rotated the pair. */
    static final Duration REFRESH_LIMIT = Duration.ofSeconds(20);

    private final BoundedHttp http;
    private final Bitrix24Config config;
    private final MeterRegistry metrics;

    OAuthServer(BoundedHttp http, Bitrix24Config config, MeterRegistry metrics) {
        this.http = http;
        this.config = config;
        this.metrics = metrics;
    }

    /**
     * Asks the OAuth server whose token this is.
     *
     * @throws Bitrix24Exception.InvalidToken the server does not accept the token
     * @throws Bitrix24Exception.Unavailable  the server could not be reached
     */
    public AppInfo verify(String accessToken) {
        if (accessToken == null || accessToken.isBlank()) {
            throw new Bitrix24Exception.InvalidToken("NO_AUTH_FOUND", "No access token was sent");
        }
        RemoteAnswer answer = send(HttpMethod.GET, "/rest/app.info?auth=" + encoded(accessToken), null, VERIFY_LIMIT, "app.info");
        if (answer.isError()) {
            String code = answer.errorCode();
            if (INVALID_TOKEN.contains(code) || answer.status() == 401 || answer.status() == 403) {
                throw new Bitrix24Exception.InvalidToken(code, answer.errorDescription());
            }
            if (answer.status() >= 500 || answer.body() == null) {
                throw new Bitrix24Exception.Unavailable(code, "The Bitrix24 OAuth server failed");
            }
            throw new Bitrix24Exception(code, answer.errorDescription());
        }
        JsonNode result = answer.body().path("result");
        JsonNode install = result.path("install");
        String clientEndpoint = install.path("client_endpoint").asText("");
        String memberId = install.path("member_id").asText("");
        if (memberId.isEmpty() || clientEndpoint.isEmpty() || !result.path("user_id").canConvertToLong()) {
            throw new Bitrix24Exception.InvalidToken("INCOMPLETE_APP_INFO", "The OAuth server did not name the portal and user of this token");
        }
        Endpoints.requireAllowed(clientEndpoint, config.allowInsecureHttp(), config.allowPrivateEndpoints());
        String domain = install.path("domain").asText("");
        if (domain.isEmpty()) {
            domain = URI.create(clientEndpoint).getRawAuthority();
        }
        return new AppInfo(result.path("client_id").asText(""), result.path("user_id").asLong(), memberId,
                hostOf(domain), clientEndpoint, install.path("scope").asText(result.path("scope").asText("")),
                install.hasNonNull("version") ? install.path("version").asInt() : null);
    }

    /**
     * Spends a refresh token on a new pair.
     *
     * @return the new pair with the portal and user the server says it belongs to, or empty when the
     * OAuth server refused the refresh token ({@code invalid_grant})
     */
    public Optional<RefreshAnswer> refresh(String refreshToken) {
        // The client secret goes in the POST body, never in a URL.
        String form = "grant_type=refresh_token&client_id=" + encoded(config.clientId()) + "&client_secret=" + encoded(config.clientSecret())
                + "&refresh_token=" + encoded(refreshToken);
        RemoteAnswer answer = send(HttpMethod.POST, "/oauth/token/", form, REFRESH_LIMIT, "oauth.token");
        if (answer.isError()) {
            String code = answer.errorCode();
            metrics.counter("bitrix24.token.refreshes", "outcome", DEAD_REFRESH_TOKEN.contains(code) ? "revoked" : "failed").increment();
            if (DEAD_REFRESH_TOKEN.contains(code)) {
                return Optional.empty();
            }
            if (answer.isAppNotInstalled()) {
                throw new Bitrix24Exception.AppNotInstalled(code, answer.errorDescription());
            }
            if (answer.status() >= 500 || answer.body() == null) {
                throw new Bitrix24Exception.Unavailable(code, "The Bitrix24 OAuth server failed");
            }
            // wrong_client / invalid_client: our own registration is wrong (or the app is gone); say so without the secret.
            Bitrix24Exception refused = new Bitrix24Exception(code, answer.errorDescription());
            LOG.errorf("The OAuth server refused the app's credentials (%s): check BITRIX24_CLIENT_ID and BITRIX24_CLIENT_SECRET",
                    refused.code());
            throw refused;
        }
        JsonNode body = answer.body();
        String access = body.path("access_token").asText("");
        String refresh = body.path("refresh_token").asText("");
        if (access.isEmpty() || refresh.isEmpty()) {
            metrics.counter("bitrix24.token.refreshes", "outcome", "failed").increment();
            throw new Bitrix24Exception.Unavailable("INCOMPLETE_TOKEN", "The OAuth server answered without a token pair");
        }
        metrics.counter("bitrix24.token.refreshes", "outcome", "rotated").increment();
        long userId = body.path("user_id").canConvertToLong() ? body.path("user_id").asLong() : -1;
        return Optional.of(new RefreshAnswer(new TokenPair(access, refresh, expiry(body)), body.path("member_id").asText(""), userId));
    }

    /**
     * Whether a refusal says the app itself is gone from the portal ({@code NOT_INSTALLED},
     * {@code APPLICATION_NOT_FOUND}, {@code ERROR_OAUTH}, {@code invalid_client}: app-lifecycle §2.6), rather
     * than that one token or refresh chain is dead, which a user can bring about for their own chain.
     */
    public static boolean saysAppNotInstalled(Bitrix24Exception refusal) {
        return refusal instanceof Bitrix24Exception.AppNotInstalled || RemoteAnswer.APP_NOT_INSTALLED.contains(refusal.code())
                || "invalid_client".equals(refusal.code());
    }

    /** {@code expires} (unix seconds) when present, otherwise now plus {@code expires_in}. */
    static Instant expiry(JsonNode body) {
        if (body.path("expires").canConvertToLong() && body.path("expires").asLong() > 0) {
            return Instant.ofEpochSecond(body.path("expires").asLong());
        }
        return Instant.now().plusSeconds(body.path("expires_in").asLong(3600));
    }

    /** The OAuth server is the operator's fixed choice, not named by a portal: its host is resolved as usual. */
    private RemoteAnswer send(HttpMethod method, String pathAndQuery, String form, Duration limit, String what) {
        String base = config.oauthServerUrl().endsWith("/") ? config.oauthServerUrl().substring(0, config.oauthServerUrl().length() - 1)
                : config.oauthServerUrl();
        MultiMap headers = MultiMap.caseInsensitiveMultiMap().add("Accept", "application/json");
        if (form != null) {
            headers.add("Content-Type", "application/x-www-form-urlencoded");
        }
        try {
            return http.exchange(method, URI.create(base + pathAndQuery), null, headers,
                    form == null ? Buffer.buffer() : Buffer.buffer(form, "UTF-8"), limit);
        } catch (BoundedHttp.Unreachable e) {
            LOG.warnf("Bitrix24 OAuth server unreachable for %s: %s", what, e.getMessage());
            throw new Bitrix24Exception.Unavailable("UNREACHABLE", "The Bitrix24 OAuth server could not be reached");
        }
    }

    private static String encoded(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String hostOf(String domainOrUrl) {
        if (domainOrUrl.contains("://")) {
            return URI.create(domainOrUrl).getRawAuthority();
        }
        return domainOrUrl;
    }
}
