package com.crmcardlayouts.simulator.rest;

import com.crmcardlayouts.config.Bitrix24Config;
import com.crmcardlayouts.simulator.SimPortal;
import com.crmcardlayouts.simulator.SimUser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.quarkus.arc.profile.IfBuildProfile;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/** {@code app.info}, {@code app.option.*}, {@code profile}, {@code user.admin}, {@code user.current} and {@code user.get}. */
@ApplicationScoped
@IfBuildProfile(anyOf = {"dev", "test", "demo"})
public class AppAndUserMethods implements RestMethods {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final String LICENSE = "en_pro100";
    private static final int PAGE_SIZE = 50;
    private static final Set<String> USER_SCOPES = Set.of("user", "user_brief", "user_basic");
    private static final Set<String> NOT_A_FILTER =
            Set.of("SORT", "ORDER", "SELECT", "ADMIN_MODE", "IMAGE_RESIZE", "START", "FILTER");

    private final Bitrix24Config bitrix24;

    AppAndUserMethods(Bitrix24Config bitrix24) {
        this.bitrix24 = bitrix24;
    }

    @Override
    public List<MethodSpec> methods() {
        return List.of(
                MethodSpec.global("app.info", this::appInfo),
                MethodSpec.global("app.option.get", this::optionGet),
                MethodSpec.global("app.option.set", this::optionSet),
                MethodSpec.global("profile", this::profile),
                MethodSpec.global("server.time", call -> RestResult.of(TextNode.valueOf(
                        OffsetDateTime.now().truncatedTo(ChronoUnit.SECONDS).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME)))),
                MethodSpec.global("user.admin", call -> RestResult.of(BooleanNode.valueOf(call.restAdmin()))),
                new MethodSpec("user.current", USER_SCOPES, call -> RestResult.of(userJson(call.caller()))),
                new MethodSpec("user.get", USER_SCOPES, this::userGet));
    }

    private RestResult appInfo(RestCall call) {
        if (!call.applicationContext()) {
            ObjectNode hook = JSON.objectNode();
            ArrayNode scopes = hook.putArray("SCOPE");
            for (String scope : call.scope().split(",")) {
                scopes.add(scope.trim());
            }
            return RestResult.of(hook.put("LICENSE", LICENSE));
        }
        SimPortal portal = call.portal();
        ObjectNode info = JSON.objectNode()
                .put("ID", SimPortal.APP_ID)
                .put("CODE", bitrix24.clientId())
                .put("VERSION", portal.appVersion())
                .put("STATUS", SimPortal.APP_STATUS)
                .put("INSTALLED", portal.appInstalled())
                .put("PAYMENT_EXPIRED", "N");
        info.putNull("DAYS");
        return RestResult.of(info.put("LANGUAGE_ID", SimPortal.LANGUAGE).put("LICENSE", LICENSE));
    }

    private static void requireApplicationContext(RestCall call) {
        if (!call.applicationContext()) {
            throw RestError.accessDenied("Application context required");
        }
    }

    private RestResult optionGet(RestCall call) {
        requireApplicationContext(call);
        Map<String, JsonNode> options = call.portal().appOptions();
        JsonNode option = call.param("option");
        if (Php.isSet(option)) {
            JsonNode value = options.get(Php.text(option));
            return RestResult.of(value == null ? NullNode.instance : value);
        }
        ObjectNode all = JSON.objectNode();
        options.forEach(all::set);
        return RestResult.of(all);
    }

    private RestResult optionSet(RestCall call) {
        requireApplicationContext(call);
        if (!call.restAdmin()) {
            throw RestError.accessDenied("Administrator authorization required");
        }
        JsonNode options = Php.isSet(call.param("options")) ? call.param("options") : call.params();
        if (!Php.isArray(options) || options.isEmpty()) {
            throw RestError.nullOrEmpty("options");
        }
        Map<String, JsonNode> merged = new LinkedHashMap<>();
        Php.entries(options).forEach(e -> merged.put(e.getKey(), e.getValue()));
        call.portal().mergeAppOptions(merged);
        return RestResult.ofTrue();
    }

    private RestResult profile(RestCall call) {
        SimUser user = call.caller();
        if (!user.active()) {
            return RestResult.of(JSON.arrayNode());
        }
        return RestResult.of(JSON.objectNode()
                .put("ID", String.valueOf(user.id()))
                .put("ADMIN", user.portalAdmin())
                .put("NAME", user.name())
                .put("LAST_NAME", user.lastName())
                .put("PERSONAL_GENDER", "")
                .put("TIME_ZONE", ""));
    }

    private RestResult userGet(RestCall call) {
        JsonNode filterParam = Php.ignoringCase(call.params(), "FILTER");
        Map<String, JsonNode> filter = new LinkedHashMap<>();
        Php.upperCaseKeys(call.params()).forEach((key, value) -> {
            if (!NOT_A_FILTER.contains(key)) {
                filter.put(key, value);
            }
        });
        if (filterParam != null && filterParam.isObject()) {
            filter.putAll(Php.upperCaseKeys(filterParam));
        }
        Predicate<SimUser> matches = user -> true;
        for (Map.Entry<String, JsonNode> condition : filter.entrySet()) {
            matches = matches.and(condition(condition.getKey(), condition.getValue()));
        }
        List<SimUser> found = call.portal().users().stream().filter(matches).toList();
        if (found.isEmpty()) {
            return RestResult.of(JSON.arrayNode());
        }
        // start=-1 asks Bitrix24 not to count: the first page comes without total and next.
        boolean uncounted = Php.toInt(call.param("start")) == -1;
        int start = Math.max(0, Php.toInt(call.param("start")));
        ArrayNode page = JSON.arrayNode();
        found.stream().skip(start).limit(PAGE_SIZE).forEach(user -> page.add(userJson(user)));
        Integer next = start + PAGE_SIZE < found.size() ? start + PAGE_SIZE : null;
        return uncounted ? RestResult.of(page) : new RestResult(page, found.size(), next);
    }

    private static Predicate<SimUser> condition(String key, JsonNode value) {
        boolean negate = key.startsWith("!");
        String field = key.replaceFirst("^[!@=%]+", "");
        List<String> wanted = new ArrayList<>();
        if (Php.isArray(value)) {
            Php.entries(value).forEach(e -> wanted.add(Php.text(e.getValue())));
        } else {
            wanted.add(Php.text(value));
        }
        Predicate<SimUser> test = switch (field) {
            case "ID" -> user -> wanted.contains(String.valueOf(user.id()));
            case "ACTIVE" -> user -> wanted.stream().anyMatch(w -> activeFlag(w) == user.active());
            case "NAME" -> user -> wanted.stream().anyMatch(w -> w.equalsIgnoreCase(user.name()));
            case "LAST_NAME" -> user -> wanted.stream().anyMatch(w -> w.equalsIgnoreCase(user.lastName()));
            case "EMAIL" -> user -> wanted.stream().anyMatch(w -> w.equalsIgnoreCase(user.email()));
            default -> user -> true;
        };
        return negate ? test.negate() : test;
    }

    private static boolean activeFlag(String value) {
        return value.equalsIgnoreCase("Y") || value.equals("1") || value.equalsIgnoreCase("true");
    }

    static ObjectNode userJson(SimUser user) {
        return JSON.objectNode()
                .put("ID", String.valueOf(user.id()))
                .put("ACTIVE", user.active())
                .put("NAME", user.name())
                .put("LAST_NAME", user.lastName())
                .put("SECOND_NAME", "")
                .put("EMAIL", user.email());
    }
}
