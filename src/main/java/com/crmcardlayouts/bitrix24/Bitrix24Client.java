package com.crmcardlayouts.bitrix24;

import com.crmcardlayouts.config.Bitrix24Config;
import com.crmcardlayouts.portal.TokenPair;
import com.crmcardlayouts.portal.TokenStore;
import com.crmcardlayouts.portal.UserCredentials;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.IntFunction;
import java.util.regex.Pattern;

/**
 * The one way the app calls a portal's REST API: typed {@link Operation}s asked as a given user, with
 * that user's stored token (refreshed when found expired), several at once as {@code batch}, retried
 * within limits, every failure turned into a {@link Bitrix24Exception}. Where a portal lacks the
 * universal card-configuration methods, the older per-entity ones are used, and the portal is remembered.
 */
@ApplicationScoped
public class Bitrix24Client {

    private static final Logger LOG = Logger.getLogger(Bitrix24Client.class);
    private static final Pattern METHOD_NAME = Pattern.compile("[A-Za-z0-9_.]{1,100}");
    /** Bitrix24 runs at most this many commands of one {@code batch}; the rest get ERROR_BATCH_LENGTH_EXCEEDED. */
    static final int BATCH_LIMIT = 50;
    /** Methods Bitrix24 refuses inside {@code batch} (ERROR_BATCH_METHOD_NOT_ALLOWED): they go alone. */
    private static final Set<String> NOT_IN_BATCH = Set.of("batch", "download", "upload");
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
    private final OlderPortals olderPortals;
    private final Bitrix24Config config;
    private final MeterRegistry metrics;

    Bitrix24Client(BoundedHttp http, PortalAddresses addresses, PortalSlots slots, PortalBudget budget, MethodTime methodTime,
                   ObjectMapper json, TokenStore tokens, TokenRefresher refresher, OlderPortals olderPortals,
                   Bitrix24Config config, MeterRegistry metrics) {
        this.http = http;
        this.addresses = addresses;
        this.slots = slots;
        this.budget = budget;
        this.methodTime = methodTime;
        this.json = json;
        this.tokens = tokens;
        this.refresher = refresher;
        this.olderPortals = olderPortals;
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

    /** Operations to send together as {@code user}. */
    public Batch batch(ActingUser user) {
        return new Batch(this, user);
    }

    /**
     * Asks one operation as {@code user}. Waiting for one of the portal's slots, back-off on
     * {@code QUERY_LIMIT_EXCEEDED}, retries and the exchanges themselves all end by {@code deadline},
     * which the request's other calls share.
     *
     * @throws Bitrix24Exception or one of its subclasses for every failure
     */
    public <T> T call(ActingUser user, Operation<T> operation, Deadline deadline) {
        Batch batch = batch(user);
        Batch.Answer<T> answer = batch.add(operation);
        batch.run(deadline);
        return answer.get();
    }

    /** A method by name, answering Bitrix24's raw {@code result}: for this package's own tests of the transport. */
    JsonNode call(long portalId, long userId, String method, Map<String, ?> params, Deadline deadline) {
        return call(ActingUser.of(portalId, userId), Operation.of(method, Map.copyOf(params), Reply::result), deadline);
    }

    /**
     * Every row of a list, up to {@code maxRows}: the first page tells how many there are, and the other
     * pages are then asked together in batches instead of one after another.
     *
     * @param page the operation that reads the page starting at the given row
     * @throws Bitrix24Exception when a page cannot be read
     */
    public <T> List<T> everyPage(ActingUser user, IntFunction<Operation<Page<T>>> page, int maxRows, Deadline deadline) {
        Page<T> first = call(user, page.apply(0), deadline);
        List<T> rows = new ArrayList<>(first.items());
        if (first.next().isEmpty() || rows.size() >= maxRows) {
            return limited(rows, maxRows);
        }
        if (first.total().isEmpty()) {
            // Uncounted: page by page, each one naming the next.
            for (Integer next = first.next().get(); next != null && rows.size() < maxRows; ) {
                Page<T> more = call(user, page.apply(next), deadline);
                rows.addAll(more.items());
                next = more.items().isEmpty() ? null : more.next().orElse(null);
            }
            return limited(rows, maxRows);
        }
        int end = Math.min(first.total().get(), maxRows);
        Batch rest = batch(user);
        List<Batch.Answer<Page<T>>> pages = new ArrayList<>();
        for (int start = first.next().get(); start < end; start += first.items().size()) {
            pages.add(rest.add(page.apply(start)));
        }
        rest.run(deadline);
        for (Batch.Answer<Page<T>> more : pages) {
            rows.addAll(more.get().items());
        }
        return limited(rows, maxRows);
    }

    private static <T> List<T> limited(List<T> rows, int maxRows) {
        return rows.size() > maxRows ? List.copyOf(rows.subList(0, maxRows)) : rows;
    }

    /**
     * Asks one operation once, within {@link #QUICK_LIMIT}, using a token the OAuth server has just
     * verified but the app has not stored (for example whether an installing user is an administrator).
     * Never refreshed or retried: Bitrix24 is waiting for the app's answer meanwhile. It takes no slot of
     * the portal's cap nor of its request budget: the app may not know the portal yet, the short limit
     * bounds it already, and one such call per install fits in the budget's {@code headroom}.
     */
    public <T> T callVerified(AppInfo verified, String accessToken, Operation<T> operation) {
        UserCredentials credentials = new UserCredentials(0, verified.clientEndpoint(), verified.userId(),
                new TokenPair(accessToken, "", Instant.now().plusSeconds(60)));
        RemoteAnswer answer = send(credentials, operation.method, operation.params, Deadline.in(QUICK_LIMIT));
        if (answer.isError()) {
            Bitrix24Exception error = Bitrix24Errors.of(answer);
            count(operation.method, Bitrix24Errors.outcome(error));
            return operation.recover(error);
        }
        count(operation.method, "ok");
        return operation.read(reply(operation.method, answer.body()));
    }

    /** One command on its way: the operation actually sent for an answer (perhaps its per-entity fallback). */
    private record Command<T>(Batch.Answer<T> answer, Operation<T> operation) {

        static <T> Command<T> first(Batch.Answer<T> answer, boolean olderPortal) {
            Operation<T> operation = answer.operation;
            return new Command<>(answer, olderPortal && operation.usesItemLayoutMethods() ? operation.perEntityFallback : operation);
        }

        Command<T> onOlderPortal() {
            return new Command<>(answer, operation.perEntityFallback);
        }

        /** Whether the portal turned out to lack the universal method this command used, and a fallback exists. */
        boolean missesItemMethod(Bitrix24Exception e) {
            return e instanceof Bitrix24Exception.MethodNotFound && operation.usesItemLayoutMethods();
        }

        void succeed(Reply reply) {
            answer.succeed(reply, operation);
        }

        void fail(Bitrix24Exception e) {
            answer.fail(e, operation);
        }
    }

    /** The user's credentials for a run of requests; a refresh in one request serves the next. */
    private static final class Connection {
        UserCredentials credentials;

        Connection(UserCredentials credentials) {
            this.credentials = credentials;
        }
    }

    void run(ActingUser user, List<Batch.Answer<?>> answers, Deadline deadline) {
        boolean olderPortal = answers.stream().anyMatch(a -> a.operation.usesItemLayoutMethods())
                && olderPortals.lacksItemLayoutMethods(user.portalId());
        List<Command<?>> commands = new ArrayList<>();
        answers.forEach(answer -> commands.add(Command.first(answer, olderPortal)));
        Connection connection;
        try {
            connection = connect(user);
        } catch (Bitrix24Exception e) {
            commands.forEach(command -> command.fail(e));
            return;
        }
        List<Command<?>> missing = send(connection, commands, deadline);
        if (!missing.isEmpty()) {
            olderPortals.learned(user.portalId());
            List<Command<?>> fallbacks = new ArrayList<>();
            missing.forEach(command -> fallbacks.add(command.onOlderPortal()));
            send(connection, fallbacks, deadline).forEach(command -> command.fail(
                    new Bitrix24Exception.MethodNotFound("ERROR_METHOD_NOT_FOUND", "Method not found!")));
        }
    }

    private Connection connect(ActingUser user) {
        UserCredentials credentials = user.credentials().or(() -> tokens.find(user.portalId(), user.userId())).orElseThrow(() ->
                new Bitrix24Exception.TokenRevoked("NO_TOKEN", "No usable Bitrix24 authorization is stored for this user"));
        if (credentials.tokens().isExpired(Instant.now())) {
            credentials = refresher.refresh(credentials);
        }
        return new Connection(credentials);
    }

    /** Sends the commands, as few requests as Bitrix24 allows; returns those that met a missing universal method. */
    private List<Command<?>> send(Connection connection, List<Command<?>> commands, Deadline deadline) {
        List<Command<?>> missing = new ArrayList<>();
        List<Command<?>> batchable = new ArrayList<>();
        for (Command<?> command : commands) {
            if (NOT_IN_BATCH.contains(command.operation().method)) {
                sendAlone(connection, command, deadline, missing);
            } else {
                batchable.add(command);
            }
        }
        for (int from = 0; from < batchable.size(); from += BATCH_LIMIT) {
            List<Command<?>> chunk = batchable.subList(from, Math.min(batchable.size(), from + BATCH_LIMIT));
            if (chunk.size() == 1) {
                sendAlone(connection, chunk.get(0), deadline, missing);
            } else {
                sendBatch(connection, chunk, deadline, missing);
            }
        }
        return missing;
    }

    private void sendAlone(Connection connection, Command<?> command, Deadline deadline, List<Command<?>> missing) {
        String method = command.operation().method;
        try {
            JsonNode body = execute(connection, method, command.operation().params, deadline);
            deliver(command, reply(method, body));
        } catch (Bitrix24Exception e) {
            deliver(command, e, missing);
        }
    }

    private void sendBatch(Connection connection, List<Command<?>> chunk, Deadline deadline, List<Command<?>> missing) {
        Map<String, Object> cmd = new LinkedHashMap<>();
        for (int i = 0; i < chunk.size(); i++) {
            cmd.put(key(i), BatchCommand.of(chunk.get(i).operation().method, chunk.get(i).operation().params));
        }
        metrics.summary("bitrix24.batch.commands").record(chunk.size());
        JsonNode answers;
        try {
            answers = execute(connection, "batch", Map.of("halt", 0, "cmd", cmd), deadline).path("result");
        } catch (Bitrix24Exception e) {
            chunk.forEach(command -> deliver(command, e, missing));
            return;
        }
        for (int i = 0; i < chunk.size(); i++) {
            Command<?> command = chunk.get(i);
            String method = command.operation().method;
            JsonNode error = answers.path("result_error").path(key(i));
            long portalId = connection.credentials.portalId();
            if (error.isObject() && "OPERATION_TIME_LIMIT".equals(error.path("error").asText())) {
                // The portal blocks this method, not the others of the batch: pause it on every instance.
                deliver(command, methodTime.limitReached(portalId, method, PortalBudget.MethodState.UNKNOWN,
                        error.path("error_description").asText("")), missing);
            } else if (error.isObject()) {
                deliver(command, Bitrix24Errors.of(new RemoteAnswer(400, error)), missing);
            } else if (answers.path("result").has(key(i))) {
                methodTime.recordAnswer(portalId, method, answers.path("result_time").path(key(i)));
                deliver(command, new Reply(method, answers.path("result").get(key(i)),
                        number(answers.path("result_total").path(key(i))), number(answers.path("result_next").path(key(i)))));
            } else {
                deliver(command, new Bitrix24Exception("", "Bitrix24's batch answer says nothing about " + method), missing);
            }
        }
    }

    /** Command keys that are no numbers, so that PHP writes the maps as JSON objects, not lists. */
    private static String key(int index) {
        return "c" + index;
    }

    private void deliver(Command<?> command, Reply reply) {
        count(command.operation().method, "ok");
        command.succeed(reply);
    }

    private void deliver(Command<?> command, Bitrix24Exception e, List<Command<?>> missing) {
        count(command.operation().method, Bitrix24Errors.outcome(e));
        if (command.missesItemMethod(e)) {
            missing.add(command);
        } else {
            command.fail(e);
        }
    }

    private static Reply reply(String method, JsonNode body) {
        return new Reply(method, body.path("result"), number(body.path("total")), number(body.path("next")));
    }

    private static Integer number(JsonNode value) {
        return value.canConvertToInt() && !value.isMissingNode() && !value.isNull() ? value.asInt() : null;
    }

    /** One HTTP request, retried within the deadline: refreshed once on a dead access token, backed off on rate limits. */
    private JsonNode execute(Connection connection, String method, Map<String, Object> params, Deadline deadline) {
        Duration backoff = config.rateLimitFirstBackoff();
        boolean refreshed = false;
        int serverFailures = 0;
        while (true) {
            if (deadline.hasPassed()) {
                // Temporary like a rate limit: the same request may well succeed a moment later.
                throw new Bitrix24Exception.RateLimited("DEADLINE_PASSED", "The request ran out of time before it could ask Bitrix24 for " + method);
            }
            // The budget's slot first: a request waiting for its slot holds none of this instance's exchange slots.
            PortalBudget.MethodState time = budget.take(connection.credentials.portalId(), connection.credentials.clientEndpoint(), method, deadline);
            methodTime.pace(method, time, deadline);
            RemoteAnswer answer;
            try (PortalSlots.Slot slot = slots.take(connection.credentials.portalId(), deadline)) {
                answer = send(connection.credentials, method, params, deadline);
            }
            if (!answer.isError()) {
                methodTime.recordAnswer(connection.credentials.portalId(), method, answer.body().path("time"));
                return answer.body();
            }
            String code = answer.errorCode();
            if (!refreshed && ("expired_token".equals(code) || "invalid_token".equals(code))) {
                // invalid_token too: a refresh elsewhere revokes the access token this call still carried.
                // The refresher then hands back the pair already rotated instead of refreshing again.
                connection.credentials = refresher.refresh(connection.credentials);
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
                    budget.markFull(connection.credentials.portalId(), connection.credentials.clientEndpoint(), pause);
                } else {
                    Pause.sleep(pause);
                }
                backoff = backoff.multipliedBy(2);
            } else if ("OPERATION_TIME_LIMIT".equals(code)) {
                throw methodTime.limitReached(connection.credentials.portalId(), method, time, answer.errorDescription());
            } else if (answer.isServerFailure() && serverFailures < config.serverErrorRetries()
                    && deadline.allows(SERVER_RETRY_PAUSE.multipliedBy(serverFailures + 1))) {
                serverFailures++;
                Pause.sleep(SERVER_RETRY_PAUSE.multipliedBy(serverFailures));
            } else {
                throw Bitrix24Errors.of(answer);
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
        Timer.Sample sample = Timer.start(metrics);
        try {
            return http.exchange(HttpMethod.POST, URI.create(base + method), address, headers,
                    Buffer.buffer(json.writeValueAsBytes(params)), deadline.nextCall());
        } catch (BoundedHttp.Unreachable e) {
            LOG.warnf("Portal %d unreachable for %s: %s", credentials.portalId(), method, e.getMessage());
            return new RemoteAnswer(599, null);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Parameters of " + method + " are not JSON", e);
        } finally {
            sample.stop(metrics.timer("bitrix24.requests", "method", method.toLowerCase()));
        }
    }

    private void count(String method, String outcome) {
        metrics.counter("bitrix24.calls", "method", method.toLowerCase(), "outcome", outcome).increment();
    }

    private static Duration jitter(Duration base) {
        long millis = base.toMillis();
        return Duration.ofMillis(millis / 2 + ThreadLocalRandom.current().nextLong(millis / 2 + 1));
    }
}
