package com.crmcardlayouts.simulator.rest;

import com.crmcardlayouts.simulator.InjectedFailures;
import com.crmcardlayouts.simulator.OperatingTime;
import com.crmcardlayouts.simulator.RequestLog;
import com.crmcardlayouts.simulator.SimPortal;
import com.crmcardlayouts.simulator.SimUser;
import com.crmcardlayouts.simulator.TokenRegistry;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.quarkus.arc.All;
import io.quarkus.arc.profile.IfBuildProfile;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs a portal REST request through Bitrix24's order of checks — rate limit, unknown method (404,
 * even without auth), auth, scope, operation time limit, the method — and wraps the answer in the
 * {@code result}/{@code time} envelope. Also serves {@code batch}.
 */
@ApplicationScoped
@IfBuildProfile(anyOf = {"dev", "test", "demo"})
public class RestDispatcher {

    private static final Logger LOG = Logger.getLogger(RestDispatcher.class);
    private static final int BATCH_MAX_LENGTH = 50;
    private static final Set<String> NOT_IN_BATCH = Set.of("batch", "download", "upload");
    private static final Pattern RESULT_REFERENCE = Pattern.compile("\\$result\\[([^\\]]+)\\]((?:\\[[^\\]]*\\])*)");
    private static final Pattern PATH_SEGMENT = Pattern.compile("\\[([^\\]]*)\\]");

    private final TokenRegistry tokens;
    private final Map<String, MethodSpec> methods = new HashMap<>();

    /** How a request authenticated itself. */
    public sealed interface Credentials permits AccessToken, WebhookKey, NoCredentials {
    }

    /** An OAuth access token from {@code Authorization: Bearer}, {@code auth} or {@code access_token}. */
    public record AccessToken(String token) implements Credentials {
    }

    /** The user id and code of an incoming-webhook URL. */
    public record WebhookKey(long userId, String code) implements Credentials {
    }

    public record NoCredentials() implements Credentials {
    }

    /** What goes back on the wire. */
    public record RestResponse(int httpStatus, JsonNode body) {
    }

    RestDispatcher(TokenRegistry tokens, @All List<RestMethods> groups) {
        this.tokens = tokens;
        for (RestMethods group : groups) {
            for (MethodSpec spec : group.methods()) {
                methods.put(spec.name(), spec);
            }
        }
        methods.put("batch", MethodSpec.global("batch", this::batch));
    }

    /** Lower-cases the name and strips a {@code .json} suffix. */
    public static String normalizeMethod(String raw) {
        String method = raw.toLowerCase(Locale.ROOT);
        return method.endsWith(".json") ? method.substring(0, method.length() - 5) : method;
    }

    public RestResponse handle(SimPortal portal, String rawMethod, Credentials credentials, ObjectNode params) {
        String method = normalizeMethod(rawMethod);
        RestResponse response = answer(portal, method, credentials, params);
        portal.requestLog().record(RequestLog.Kind.PORTAL, method, method.equals("batch") ? commandMethods(params) : List.of(),
                response.body().path("error").asText(""));
        return response;
    }

    private RestResponse answer(SimPortal portal, String method, Credentials credentials, ObjectNode params) {
        TimeInfo time = new TimeInfo();
        try {
            if (portal.overRateLimit()) {
                throw new RestError(503, "QUERY_LIMIT_EXCEEDED", "Too many requests");
            }
            MethodSpec spec = lookup(portal, method);
            Optional<InjectedFailures.Failure> injected = portal.takeInjectedFailure();
            if (injected.isPresent()) {
                throw new RestError(injected.get().httpStatus(), injected.get().error(),
                        describeInjected(injected.get().error()));
            }
            RestCall call = authenticate(portal, method, credentials, params);
            checkScope(spec, call);
            boolean counted = !method.equals("batch");
            if (counted && timeLimited(portal, method)) {
                throw operationTimeLimit();
            }
            time.processingStarts();
            RestResult result = spec.body().invoke(call);
            ObjectNode timing = time.toJson();
            if (counted) {
                spendAndReport(portal, method, timing);
            }
            return new RestResponse(200, envelope(result, timing));
        } catch (RestError e) {
            return new RestResponse(e.httpStatus(), errorBody(e));
        } catch (RuntimeException e) {
            LOG.errorf(e, "Simulated method %s failed", method);
            return new RestResponse(500, errorBody(new RestError(500, "INTERNAL_SERVER_ERROR", "Internal server error")));
        }
    }

    private MethodSpec lookup(SimPortal portal, String method) {
        MethodSpec spec = methods.get(method);
        if (spec == null || portal.methodMissing(method)) {
            throw RestError.methodNotFound();
        }
        return spec;
    }

    private RestCall authenticate(SimPortal portal, String method, Credentials credentials, ObjectNode params) {
        if (credentials instanceof AccessToken access) {
            TokenRegistry.AccessGrant grant = tokens.access(access.token())
                    .filter(g -> g.portal() == portal)
                    .orElseThrow(() -> new RestError(401, "invalid_token", "The access token provided is invalid."));
            if (grant.expired()) {
                throw new RestError(401, "expired_token", "The access token provided has expired");
            }
            SimUser user = activeUser(portal, grant.userId());
            return new RestCall(portal, user, RestCall.AuthKind.APPLICATION, grant.scope(), method, params);
        }
        if (credentials instanceof WebhookKey key) {
            SimPortal.Webhook hook = portal.webhook(key.userId(), key.code())
                    .orElseThrow(() -> new RestError(401, "INVALID_CREDENTIALS", "Invalid request credentials"));
            SimUser user = activeUser(portal, hook.userId());
            return new RestCall(portal, user, RestCall.AuthKind.WEBHOOK, hook.scope(), method, params);
        }
        throw new RestError(401, "NO_AUTH_FOUND", "Wrong authorization data");
    }

    private static SimUser activeUser(SimPortal portal, long userId) {
        return portal.user(userId).filter(SimUser::active)
                .orElseThrow(() -> new RestError(401, "authorization_error", "Unable to authorize user"));
    }

    private static void checkScope(MethodSpec spec, RestCall call) {
        if (spec.scopes().isEmpty()) {
            return;
        }
        for (String granted : call.scope().split(",")) {
            if (spec.scopes().contains(granted.trim())) {
                return;
            }
        }
        throw new RestError(403, "insufficient_scope", "The request requires higher privileges than provided by the "
                + (call.applicationContext() ? "access token" : "webhook token"));
    }

    private static RestError operationTimeLimit() {
        return new RestError(429, "OPERATION_TIME_LIMIT", "Method is blocked due to operation time limit.");
    }

    private static String describeInjected(String error) {
        return switch (error) {
            case "expired_token" -> "The access token provided has expired";
            case "invalid_token" -> "The access token provided is invalid.";
            case "QUERY_LIMIT_EXCEEDED" -> "Too many requests";
            case "OPERATION_TIME_LIMIT" -> "Method is blocked due to operation time limit.";
            case "INTERNAL_SERVER_ERROR" -> "Internal server error";
            case "ACCESS_DENIED" -> "Access denied!";
            default -> "Simulated failure";
        };
    }

    private static boolean timeLimited(SimPortal portal, String method) {
        return portal.operationTimeLimited() || portal.operatingTime().overLimit(method, Instant.now());
    }

    /** Charges the call's processing (plus the method's simulated cost) and reports the method's time as Bitrix24 does. */
    private static void spendAndReport(SimPortal portal, String method, ObjectNode timing) {
        OperatingTime limiter = portal.operatingTime();
        Instant now = Instant.now();
        limiter.spend(method, timing.path("processing").asDouble() + limiter.cost(method), now);
        TimeInfo.withOperating(timing, limiter.used(method, now), limiter.resetAt(method, now).orElse(null));
    }

    private static ObjectNode envelope(RestResult result, ObjectNode timing) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.set("result", Php.asPhpJson(result.result()));
        if (result.next() != null) {
            body.put("next", result.next());
        }
        if (result.total() != null) {
            body.put("total", result.total());
        }
        body.set("time", timing);
        return body;
    }

    static ObjectNode errorBody(RestError e) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("error", e.error());
        body.put("error_description", e.description());
        if (e.argument() != null) {
            body.put("argument", e.argument());
        }
        return body;
    }

    // ---- batch ----------------------------------------------------------------------------------

    private RestResult batch(RestCall outer) {
        JsonNode commands = Php.ignoringCase(outer.params(), "cmd");
        boolean halt = Php.truthy(Php.ignoringCase(outer.params(), "halt"));
        ObjectNode results = JsonNodeFactory.instance.objectNode();
        ObjectNode errors = JsonNodeFactory.instance.objectNode();
        ObjectNode totals = JsonNodeFactory.instance.objectNode();
        ObjectNode nexts = JsonNodeFactory.instance.objectNode();
        ObjectNode times = JsonNodeFactory.instance.objectNode();
        int count = 0;
        for (Map.Entry<String, JsonNode> command : Php.entries(commands)) {
            if (!command.getValue().isTextual()) {
                continue;
            }
            String key = command.getKey();
            count++;
            TimeInfo time = new TimeInfo();
            try {
                if (count > BATCH_MAX_LENGTH) {
                    throw new RestError(400, "ERROR_BATCH_LENGTH_EXCEEDED", "Max batch length exceeded");
                }
                RestResult result = subCall(outer, command.getValue().asText(), results);
                results.set(key, result.result());
                if (result.total() != null) {
                    totals.put(key, result.total());
                }
                if (result.next() != null) {
                    nexts.put(key, result.next());
                }
                ObjectNode timing = time.toJson();
                spendAndReport(outer.portal(), subMethod(command.getValue().asText()), timing);
                times.set(key, timing);
            } catch (RestError e) {
                errors.set(key, errorBody(e));
                if (halt) {
                    break;
                }
            }
        }
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.set("result", results);
        body.set("result_error", errors);
        body.set("result_total", totals);
        body.set("result_next", nexts);
        body.set("result_time", times);
        return RestResult.of(body);
    }

    private static String subMethod(String command) {
        int question = command.indexOf('?');
        return normalizeMethod(question < 0 ? command : command.substring(0, question));
    }

    /** The methods a batch's commands name, for the request log. */
    private static List<String> commandMethods(ObjectNode params) {
        List<String> methods = new ArrayList<>();
        for (Map.Entry<String, JsonNode> command : Php.entries(Php.ignoringCase(params, "cmd"))) {
            if (command.getValue().isTextual()) {
                methods.add(subMethod(command.getValue().asText()));
            }
        }
        return methods;
    }

    private RestResult subCall(RestCall outer, String command, ObjectNode earlierResults) {
        int question = command.indexOf('?');
        String method = normalizeMethod(question < 0 ? command : command.substring(0, question));
        ObjectNode params = FormBodyParser.parse(question < 0 ? "" : command.substring(question + 1));
        params.remove("auth");
        params.remove("access_token");
        if (NOT_IN_BATCH.contains(method)) {
            throw new RestError(400, "ERROR_BATCH_METHOD_NOT_ALLOWED", "Method is not allowed for batch usage");
        }
        MethodSpec spec = lookup(outer.portal(), method);
        RestCall call = new RestCall(outer.portal(), outer.caller(), outer.auth(), outer.scope(), method,
                (ObjectNode) substitute(params, earlierResults));
        checkScope(spec, call);
        if (timeLimited(outer.portal(), method)) {
            throw operationTimeLimit();
        }
        return spec.body().invoke(call);
    }

    /** Replaces {@code $result[key][field]…} in parameter values with what earlier commands returned. */
    private static JsonNode substitute(JsonNode node, ObjectNode results) {
        if (node.isObject()) {
            ObjectNode copy = JsonNodeFactory.instance.objectNode();
            node.fields().forEachRemaining(f -> copy.set(f.getKey(), substitute(f.getValue(), results)));
            return copy;
        }
        if (!node.isTextual() || !node.asText().contains("$result[")) {
            return node;
        }
        String text = node.asText();
        Matcher whole = RESULT_REFERENCE.matcher(text);
        if (whole.matches()) {
            JsonNode value = resolve(whole, results);
            return value == null ? node : Php.isArray(value) ? value : TextNode.valueOf(Php.text(value));
        }
        Matcher m = RESULT_REFERENCE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            JsonNode value = resolve(m, results);
            m.appendReplacement(out, Matcher.quoteReplacement(value == null ? m.group() : Php.text(value)));
        }
        m.appendTail(out);
        return TextNode.valueOf(out.toString());
    }

    private static JsonNode resolve(Matcher reference, ObjectNode results) {
        JsonNode value = results.get(reference.group(1));
        Matcher segments = PATH_SEGMENT.matcher(reference.group(2));
        while (value != null && segments.find()) {
            value = Php.at(value, segments.group(1));
        }
        return value;
    }
}
