package com.crmcardlayouts.bitrix24;

import com.crmcardlayouts.config.Bitrix24Config;
import com.crmcardlayouts.portal.TokenPair;
import com.crmcardlayouts.portal.TokenStore;
import com.crmcardlayouts.portal.UserCredentials;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * The one way the app calls a portal's REST API: as a given user, with that user's stored token,
 * refreshed when found expired, retried within limits, and every failure turned into a
 * {@link Bitrix24Exception}. Decisions follow Bitrix24's {@code error} code, not the HTTP status,
 * which Bitrix24 sets inconsistently.
 */
@ApplicationScoped
public class Bitrix24Client {

    private static final Logger LOG = Logger.getLogger(Bitrix24Client.class);
    private static final Pattern METHOD_NAME = Pattern.compile("[A-Za-z0-9_.]{1,100}");
    private static final Set<String> ACCESS_DENIED = Set.of("ACCESS_DENIED", "insufficient_scope", "user_access_error",
            "WRONG_AUTH_TYPE", "METHOD_CONFIRM_DENIED", "WRONG_LICENSE");
    private static final Set<String> TOKEN_DEAD = Set.of("invalid_token", "authorization_error", "NO_AUTH_FOUND", "invalid_grant");
    private static final Duration SERVER_RETRY_PAUSE = Duration.ofMillis(200);
    /** The longest one exchange with a portal may take (it was 5 s to connect and 15 s to read). */
    static final Duration CALL_LIMIT = Duration.ofSeconds(15);
    /** A question asked while Bitrix24 waits for the app's answer: resolving, connecting and reading (0.3 s + 0.4 s before). */
    static final Duration QUICK_LIMIT = Duration.ofMillis(700);

    private final BoundedHttp http;
    private final PortalAddresses addresses;
    private final PortalSlots slots;
    private final PortalBudget budget;
    private final MethodTime methodTime;
    private final ObjectMapper json;
    private final TokenStore tokens;
    private final TokenRefresher refresher;
    private final Bitrix24Config config;
    private final MeterRegistry metrics;

    Bitrix24Client(BoundedHttp http, PortalAddresses addresses, PortalSlots slots, PortalBudget budget, MethodTime methodTime,
                   ObjectMapper json, TokenStore tokens, TokenRefresher refresher, Bitrix24Config config, MeterRegistry metrics) {
        this.http = http;
        this.addresses = addresses;
        this.slots = slots;
        this.budget = budget;
        this.methodTime = methodTime;
        this.json = json;
        this.tokens = tokens;
        this.refresher = refresher;
        this.config = config;
        this.metrics = metrics;
    }

    /**
     * The deadline of a request starting now: {@code bitrix24.request-budget} for all its calls, at
     * most {@link #CALL_LIMIT} for one exchange. Make one per request and pass it to each call.
     */
    public Deadline deadline() {
        return Deadline.in(config.requestBudget()).callsOfAtMost(CALL_LIMIT);
    }

    /**
     * Calls {@code method} on the portal as {@code userId} and returns Bitrix24's {@code result}. Waiting
     * for one of the portal's slots, back-off on {@code QUERY_LIMIT_EXCEEDED}, retries and the exchanges
     * themselves all end by {@code deadline}, which the request's other calls share.
     *
     * @throws Bitrix24Exception or one of its subclasses for every failure
     */
    public JsonNode call(long portalId, long userId, String method, Map<String, Object> params, Deadline deadline) {
        try {
            JsonNode result = callWithRetries(portalId, userId, method, params, deadline);
            count(method, "ok");
            return result;
        } catch (Bitrix24Exception e) {
            count(method, outcome(e));
            throw e;
        }
    }

    /**
     * Asks {@code method} once, within {@link #QUICK_LIMIT}, using a token the OAuth server has just
     * verified but the app has not stored (for example whether an installing user is an administrator).
     * Never refreshed or retried: Bitrix24 is waiting for the app's answer meanwhile. It takes no slot of
     * the portal's cap nor of its request budget: the app may not know the portal yet, the short limit
     * bounds it already, and one such call per install fits in the budget's {@code headroom}.
     */
    public JsonNode callAs(AppInfo verified, String accessToken, String method, Map<String, Object> params) {
        UserCredentials credentials = new UserCredentials(0, verified.clientEndpoint(), verified.userId(),
                new TokenPair(accessToken, "", Instant.now().plusSeconds(60)));
        try {
            RemoteAnswer answer = send(credentials, method, params, Deadline.in(QUICK_LIMIT));
            if (answer.isError()) {
                throw map(answer);
            }
            count(method, "ok");
            return answer.body().path("result");
        } catch (Bitrix24Exception e) {
            count(method, outcome(e));
            throw e;
        }
    }

    private JsonNode callWithRetries(long portalId, long userId, String method, Map<String, Object> params, Deadline deadline) {
        UserCredentials credentials = tokens.find(portalId, userId).orElseThrow(() ->
                new Bitrix24Exception.TokenRevoked("NO_TOKEN", "No usable Bitrix24 authorization is stored for this user"));
        if (credentials.tokens().isExpired(Instant.now())) {
            credentials = refresher.refresh(credentials);
        }
        return execute(credentials, method, params, deadline);
    }

    private JsonNode execute(UserCredentials credentials, String method, Map<String, Object> params, Deadline deadline) {
        Duration backoff = config.rateLimitFirstBackoff();
        boolean refreshed = false;
        int serverFailures = 0;
        while (true) {
            if (deadline.hasPassed()) {
                // Temporary like a rate limit: the same request may well succeed a moment later.
                throw new Bitrix24Exception.RateLimited("DEADLINE_PASSED", "The request ran out of time before it could ask Bitrix24 for " + method);
            }
            // The budget's slot first: a request waiting for its slot holds none of this instance's exchange slots.
            PortalBudget.MethodState time = budget.take(credentials.portalId(), credentials.clientEndpoint(), method, deadline);
            methodTime.pace(method, time, deadline);
            RemoteAnswer answer;
            try (PortalSlots.Slot slot = slots.take(credentials.portalId(), deadline)) {
                answer = send(credentials, method, params, deadline);
            }
            if (!answer.isError()) {
                methodTime.recordAnswer(credentials.portalId(), method, answer.body().path("time"));
                return answer.body().path("result");
            }
            String code = answer.errorCode();
            if (!refreshed && ("expired_token".equals(code) || "invalid_token".equals(code))) {
                // invalid_token too: a refresh elsewhere revokes the access token this call still carried.
                // The refresher then hands back the pair already rotated instead of refreshing again.
                credentials = refresher.refresh(credentials);
                refreshed = true;
            } else if ("QUERY_LIMIT_EXCEEDED".equals(code)) {
                Duration pause = jitter(backoff);
                if (!deadline.allows(pause)) {
                    throw new Bitrix24Exception.RateLimited(code, "Bitrix24 kept rate-limiting the app", pause);
                }
                metrics.counter("bitrix24.rate_limit.waits").increment();
                if (budget.enabled()) {
                    // Others share the portal's counter: every instance's next slot comes once the bucket has drained,
                    // and no sooner than the back-off; the next turn of this loop waits for it.
                    budget.markFull(credentials.portalId(), credentials.clientEndpoint(), pause);
                } else {
                    Pause.sleep(pause);
                }
                backoff = backoff.multipliedBy(2);
            } else if ("OPERATION_TIME_LIMIT".equals(code)) {
                throw methodTime.limitReached(credentials.portalId(), method, time, answer.errorDescription());
            } else if (answer.isServerFailure() && serverFailures < config.serverErrorRetries()
                    && deadline.allows(SERVER_RETRY_PAUSE.multipliedBy(serverFailures + 1))) {
                serverFailures++;
                Pause.sleep(SERVER_RETRY_PAUSE.multipliedBy(serverFailures));
            } else {
                throw map(answer);
            }
        }
    }

    /** One exchange: the endpoint checked, its host resolved once and that address alone connected to. */
    private RemoteAnswer send(UserCredentials credentials, String method, Map<String, Object> params, Deadline deadline) {
        if (!METHOD_NAME.matcher(method).matches()) {
            throw new IllegalArgumentException("Not a Bitrix24 method name: " + method);
        }
        URI endpoint = Endpoints.requireAllowed(credentials.clientEndpoint(), config.allowInsecureHttp(), config.allowPrivateEndpoints());
        String base = credentials.clientEndpoint().endsWith("/") ? credentials.clientEndpoint() : credentials.clientEndpoint() + "/";
        InetSocketAddress address = addresses.checked(endpoint, deadline);
        MultiMap headers = MultiMap.caseInsensitiveMultiMap()
                .add("Authorization", "Bearer " + credentials.tokens().accessToken())
                .add("Content-Type", "application/json")
                .add("Accept", "application/json");
        try {
            return http.exchange(HttpMethod.POST, URI.create(base + method), address, headers,
                    Buffer.buffer(json.writeValueAsBytes(params)), deadline.nextCall());
        } catch (BoundedHttp.Unreachable e) {
            LOG.warnf("Portal %d unreachable for %s: %s", credentials.portalId(), method, e.getMessage());
            return new RemoteAnswer(599, null);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Parameters of " + method + " are not JSON", e);
        }
    }

    private static Bitrix24Exception map(RemoteAnswer answer) {
        String code = answer.errorCode();
        String description = answer.errorDescription();
        if (ACCESS_DENIED.contains(code) || (code.isEmpty() && description.startsWith("Access denied"))) {
            return new Bitrix24Exception.AccessDenied(code, description);
        }
        if ("ERROR_METHOD_NOT_FOUND".equals(code)) {
            return new Bitrix24Exception.MethodNotFound(code, description);
        }
        if ("OPERATION_TIME_LIMIT".equals(code) || "OVERLOAD_LIMIT".equals(code)) {
            return new Bitrix24Exception.RateLimited(code, description);
        }
        if (TOKEN_DEAD.contains(code) || "expired_token".equals(code)) {
            return new Bitrix24Exception.TokenRevoked(code, description);
        }
        if (answer.isAppNotInstalled()) {
            return new Bitrix24Exception.AppNotInstalled(code, description);
        }
        if (answer.isServerFailure()) {
            return new Bitrix24Exception.Unavailable(code, answer.body() == null
                    ? "Bitrix24 could not be reached or gave an unreadable answer" : description);
        }
        return new Bitrix24Exception(code, description);
    }

    private void count(String method, String outcome) {
        metrics.counter("bitrix24.calls", "method", method.toLowerCase(), "outcome", outcome).increment();
    }

    private static String outcome(Bitrix24Exception e) {
        if (e instanceof Bitrix24Exception.AccessDenied) {
            return "access_denied";
        } else if (e instanceof Bitrix24Exception.MethodNotFound) {
            return "method_not_found";
        } else if (e instanceof Bitrix24Exception.TokenRevoked) {
            return "token_revoked";
        } else if (e instanceof Bitrix24Exception.RateLimited) {
            return "rate_limited";
        } else if (e instanceof Bitrix24Exception.Unavailable) {
            return "unavailable";
        } else if (e instanceof Bitrix24Exception.AppNotInstalled) {
            return "not_installed";
        }
        return "error";
    }

    private static Duration jitter(Duration base) {
        long millis = base.toMillis();
        return Duration.ofMillis(millis / 2 + ThreadLocalRandom.current().nextLong(millis / 2 + 1));
    }
}
