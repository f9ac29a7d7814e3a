package com.crmcardlayouts.bitrix24;

import com.crmcardlayouts.config.Bitrix24Config;
import com.crmcardlayouts.portal.RefreshAnswer;
import com.crmcardlayouts.portal.TokenPair;
import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

import java.net.URI;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/** Verifies tokens with, and refreshes them at, the configured OAuth server; the client secret goes nowhere else. */
@ApplicationScoped
public class OAuthServer {

    private static final Logger LOG = Logger.getLogger(OAuthServer.class);
    private static final Set<String> INVALID_TOKEN = Set.of("invalid_token", "expired_token", "NO_AUTH_FOUND",
            "authorization_error", "user_access_error", "invalid_request");
    private static final Set<String> DEAD_REFRESH_TOKEN = Set.of("invalid_grant", "bad_verification_code");

    private final OAuthServerApi.Verification verification;
    private final OAuthServerApi.TokenEndpoint tokenEndpoint;
    private final OAuthServerApi.QuickTokenEndpoint quickTokenEndpoint;
    private final Bitrix24Config config;
    private final MeterRegistry metrics;

    public OAuthServer(@RestClient OAuthServerApi.Verification verification, @RestClient OAuthServerApi.TokenEndpoint tokenEndpoint,
                       @RestClient OAuthServerApi.QuickTokenEndpoint quickTokenEndpoint, Bitrix24Config config, MeterRegistry metrics) {
        this.verification = verification;
        this.tokenEndpoint = tokenEndpoint;
        this.quickTokenEndpoint = quickTokenEndpoint;
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
        RemoteAnswer answer = send(() -> verification.appInfo(accessToken), "app.info");
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
        Endpoints.requireAllowed(clientEndpoint, config.allowInsecureHttp());
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
        return refresh(refreshToken, tokenEndpoint::token);
    }

    /**
     * {@link #refresh} with the short timeouts of an event answer: for asking, within Bitrix24's
     * 2 s, whether a stored refresh token still works. A rotation whose answer is cut short is
     * lost, so only a caller who would otherwise have to assume the token dead may use it.
     */
    public Optional<RefreshAnswer> refreshQuickly(String refreshToken) {
        return refresh(refreshToken, quickTokenEndpoint::token);
    }

    private Optional<RefreshAnswer> refresh(String refreshToken,
                                        Function<MultivaluedMap<String, String>, Response> endpoint) {
        MultivaluedMap<String, String> form = new MultivaluedHashMap<>();
        form.add("grant_type", "refresh_token");
        form.add("client_id", config.clientId());
        form.add("client_secret", config.clientSecret());
        form.add("refresh_token", refreshToken);
        RemoteAnswer answer = send(() -> endpoint.apply(form), "oauth.token");
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

    /** {@code expires} (unix seconds) when present, otherwise now plus {@code expires_in}. */
    static Instant expiry(JsonNode body) {
        if (body.path("expires").canConvertToLong() && body.path("expires").asLong() > 0) {
            return Instant.ofEpochSecond(body.path("expires").asLong());
        }
        return Instant.now().plusSeconds(body.path("expires_in").asLong(3600));
    }

    private RemoteAnswer send(java.util.function.Supplier<Response> call, String what) {
        try (Response response = call.get()) {
            return RemoteAnswer.parse(response.getStatus(), response.readEntity(String.class));
        } catch (ProcessingException e) {
            LOG.warnf("Bitrix24 OAuth server unreachable for %s: %s", what, e.getClass().getSimpleName());
            throw new Bitrix24Exception.Unavailable("UNREACHABLE", "The Bitrix24 OAuth server could not be reached");
        }
    }

    private static String hostOf(String domainOrUrl) {
        if (domainOrUrl.contains("://")) {
            return URI.create(domainOrUrl).getRawAuthority();
        }
        return domainOrUrl;
    }
}
