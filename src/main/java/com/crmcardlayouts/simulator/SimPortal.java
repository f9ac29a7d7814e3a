package com.crmcardlayouts.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * One simulated Bitrix24 portal with the app (client_id from {@code bitrix24.client-id}) added to it:
 * users, the app's installation, placements, event bindings, stored card layouts, switches for
 * error injection and counters for assertions. Thread-safe.
 */
public final class SimPortal {

    /** The portal's default language, sent as {@code data[LANGUAGE_ID]} and used for placement titles. */
    public static final String LANGUAGE = "en";
    /** The app's status letter: a local app. */
    public static final String APP_STATUS = "L";
    /** The app's id on the portal, as {@code app.info} reports it. */
    public static final int APP_ID = 5;
    /** The app's name, the default title of a placement bound without one. */
    public static final String APP_NAME = "CRM Card Layouts";
    /** The smart process every portal has, with categories 0 and 5. */
    public static final int SMART_PROCESS_ID = 1032;
    /** Its title, as {@code crm.type.list} reports it. */
    public static final String SMART_PROCESS_TITLE = "Projects";

    private static final String DEFAULT_SCOPE = "crm,placement,user_brief";
    private static final int FRAME_SESSIONS_KEPT = 500;

    private final String code;
    private final String memberId;
    private final Services services;

    private final Map<Long, SimUser> users = new ConcurrentSkipListMap<>();
    private final Map<Integer, SimSmartProcess> smartProcesses = new ConcurrentSkipListMap<>(
            Map.of(SMART_PROCESS_ID, new SimSmartProcess(1, SMART_PROCESS_ID, SMART_PROCESS_TITLE, Set.of(0, 5))));
    private final EditorOptions editorOptions = new EditorOptions();
    private final SimCrm crm = new SimCrm();
    private final EventForms eventForms = new EventForms(this);

    // The app's installation; guarded by "this".
    private boolean installed;
    /** Set by an uninstall, cleared by the next install: what the OAuth server answers a refresh of its tokens with. */
    private boolean uninstalled;
    private int version = 1;
    private String applicationToken = Randoms.hex(32);
    private String appScope = DEFAULT_SCOPE;
    private long installingUserId = SimUsers.ADMIN;
    private final Map<String, JsonNode> appOptions = new LinkedHashMap<>();
    private final List<SimPlacement> placements = new ArrayList<>();
    private final List<SimEventBinding> eventBindings = new ArrayList<>();
    private final AtomicLong placementIds = new AtomicLong();
    private final AtomicLong eventBindingIds = new AtomicLong(100);

    private final Map<String, Webhook> webhooks = new ConcurrentHashMap<>();
    private final Map<String, FrameSession> frameSessions = Collections.synchronizedMap(
            new LinkedHashMap<>() {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, FrameSession> eldest) {
                    return size() > FRAME_SESSIONS_KEPT;
                }
            });

    private volatile boolean rateLimited;
    private volatile boolean leakyBucket;
    private volatile boolean operationTimeLimited;
    private final OperatingTime operatingTime = new OperatingTime();
    private volatile boolean sendsApplicationToken = true;
    private final Set<String> missingMethodPrefixes = new CopyOnWriteArraySet<>();
    private final InjectedFailures injectedFailures = new InjectedFailures();
    private final LeakyBucket bucket = new LeakyBucket(50, 2.0);

    private final RequestLog requestLog = new RequestLog();
    private final Map<Long, AtomicInteger> refreshesByUser = new ConcurrentHashMap<>();
    private final List<DeliveredEvent> deliveries = new CopyOnWriteArrayList<>();

    /** What a portal needs from the surrounding simulator. */
    record Services(TokenRegistry tokens, LocalServer server, EventDelivery delivery) {
    }

    /** An incoming webhook ({@code /rest/{userId}/{code}/}). */
    public record Webhook(long userId, String scope) {
    }

    /** A frame the portal opened, known by its {@code APP_SID}. */
    public record FrameSession(String appSid, long userId, Instant openedAt) {
    }

    SimPortal(String code, String memberId, Services services) {
        this.code = code;
        this.memberId = memberId;
        this.services = services;
        SimUsers.initial().forEach(user -> users.put(user.id(), user));
    }

    // ---- identity -------------------------------------------------------------------------------

    /** Path segment of the portal's URLs, e.g. {@code demo}. */
    public String code() {
        return code;
    }

    /** 32 lower-case hex characters, random per portal. */
    public String memberId() {
        return memberId;
    }

    /** e.g. {@code 127.0.0.1:8080}: the portal is served by the app's own HTTP server. */
    public String domain() {
        return services.server().domain();
    }

    /** e.g. {@code http://127.0.0.1:8080/simulator/portal/demo/rest/} */
    public String clientEndpoint() {
        return services.server().clientEndpoint(code);
    }

    /** The OAuth server's REST endpoint, e.g. {@code http://127.0.0.1:8080/simulator/oauth/rest/} */
    public String serverEndpoint() {
        return services.server().serverEndpoint();
    }

    /** The portal's address as the OAuth server's {@code app.info} reports it. */
    public String uri() {
        return services.server().portalUri(code);
    }

    // ---- users ----------------------------------------------------------------------------------

    public List<SimUser> users() {
        return List.copyOf(users.values());
    }

    public Optional<SimUser> user(long userId) {
        return Optional.ofNullable(users.get(userId));
    }

    /** Changes a user's permissions, or adds a user with that id (named "User N"). */
    public void setUser(long userId, boolean portalAdmin, boolean crmConfigWrite, boolean crmRead) {
        users.compute(userId, (id, existing) -> existing != null
                ? existing.withPermissions(portalAdmin, crmConfigWrite, crmRead)
                : new SimUser(id, "User", String.valueOf(id), "user" + id + "@example.test", true,
                portalAdmin, crmConfigWrite, crmRead));
    }

    /** Users choose their own names on a portal, markup included. */
    public void renameUser(long userId, String name, String lastName) {
        users.computeIfPresent(userId, (id, user) -> user.withName(name, lastName));
    }

    /** A deactivated (dismissed) user's tokens stop working with {@code authorization_error}. */
    public void setUserActive(long userId, boolean active) {
        users.computeIfPresent(userId, (id, user) -> user.withActive(active));
    }

    /** Smart processes of this portal by entity type id. */
    public Map<Integer, SimSmartProcess> smartProcesses() {
        return Collections.unmodifiableMap(smartProcesses);
    }

    /** The portal's CRM items and funnels. */
    public SimCrm crm() {
        return crm;
    }

    /** Creates a smart process with one category, as a CRM administrator does; returns its entity type id. */
    public int addSmartProcess(String title) {
        synchronized (smartProcesses) {
            int entityTypeId = smartProcesses.keySet().stream().mapToInt(Integer::intValue).max().orElse(1030) + 2;
            smartProcesses.put(entityTypeId, new SimSmartProcess(smartProcesses.size() + 1, entityTypeId, title, Set.of(0)));
            return entityTypeId;
        }
    }

    // ---- the app's installation -----------------------------------------------------------------

    /** True once {@code installFinish} ran, false again after an uninstall. */
    public synchronized boolean appInstalled() {
        return installed;
    }

    /** True after an uninstall until the app is installed again (not for a portal that never installed it). */
    public synchronized boolean appUninstalled() {
        return uninstalled;
    }

    /** The installed version, 1 at first, +1 per {@link #publishUpdate()}. */
    public synchronized int appVersion() {
        return version;
    }

    /** The secret sent as {@code APPLICATION_TOKEN} and {@code auth[application_token]}; changes on update and uninstall. */
    public synchronized String applicationToken() {
        return applicationToken;
    }

    /** The scopes the app is granted, comma-separated, e.g. {@code crm,placement,user_brief}. */
    public synchronized String appScope() {
        return appScope;
    }

    /** Grants the app other scopes; affects tokens issued from now on (e.g. to provoke {@code insufficient_scope}). */
    public synchronized void setAppScope(String commaSeparatedScopes) {
        this.appScope = commaSeparatedScopes;
    }

    /** The admin who opened the installer; tokens of lifecycle events are theirs. */
    public synchronized long installingUserId() {
        return installingUserId;
    }

    /** What {@code BX24.installFinish()} does for the installing admin: marks the app installed and delivers ONAPPINSTALL. Returns once delivered. */
    public void finishInstall() {
        finishInstall(installingUserId()).join();
    }

    /** {@code installFinish} called from a frame of the given admin; completes when every ONAPPINSTALL handler answered. */
    public CompletableFuture<List<DeliveredEvent>> finishInstall(long userId) {
        synchronized (this) {
            installed = true;
            uninstalled = false;
            installingUserId = userId;
        }
        return deliverToBindings("ONAPPINSTALL", binding -> eventForms.install(userId, binding.id()));
    }

    /** Uninstalls without deleting the app's data (CLEAN=0). Returns once ONAPPUNINSTALL was delivered. */
    public void uninstall() {
        uninstall(false).join();
    }

    /**
     * Uninstalls as Bitrix24 does: deletes the app's placements and event bindings, revokes all its tokens,
     * then delivers ONAPPUNINSTALL (with the old application token) to the handlers that were bound for it.
     */
    public CompletableFuture<List<DeliveredEvent>> uninstall(boolean clean) {
        List<SimEventBinding> handlers;
        String oldToken;
        synchronized (this) {
            handlers = onlineBindings("ONAPPUNINSTALL");
            oldToken = applicationToken;
            installed = false;
            uninstalled = true;
            placements.clear();
            eventBindings.clear();
            if (clean) {
                appOptions.clear();
            }
            applicationToken = Randoms.hex(32);
        }
        services.tokens().revokeAll(this);
        return deliver("ONAPPUNINSTALL", handlers, binding -> eventForms.uninstall(binding.id(), oldToken, clean));
    }

    /** Publishes a new version as the installing admin. Returns once ONAPPUPDATE was delivered. */
    public void publishUpdate() {
        publishUpdate(installingUserId()).join();
    }

    /** Installs the next version: a new application token, version + 1, ONAPPUPDATE with full auth of the given admin. */
    public CompletableFuture<List<DeliveredEvent>> publishUpdate(long userId) {
        synchronized (this) {
            if (!installed) {
                throw new IllegalStateException("The app is not installed on portal " + code);
            }
            version++;
            applicationToken = Randoms.hex(32);
        }
        return deliverToBindings("ONAPPUPDATE", binding -> eventForms.update(userId, binding.id()));
    }

    /** The app's options ({@code app.option.*}), a copy. */
    public synchronized Map<String, JsonNode> appOptions() {
        return new LinkedHashMap<>(appOptions);
    }

    /** Merges options into the stored map, as {@code app.option.set} does. */
    public synchronized void mergeAppOptions(Map<String, JsonNode> options) {
        appOptions.putAll(options);
    }

    // ---- tokens and frames ----------------------------------------------------------------------

    /** A new token chain for the user, as the portal issues when it opens a frame for them. */
    public IssuedTokens issueTokens(long userId) {
        return services.tokens().issue(this, userId, appScope());
    }

    /**
     * The query string of a frame the portal opens, without {@code ?}:
     * {@code DOMAIN=127.0.0.1%3A8080&PROTOCOL=0&LANG=en&APP_SID=<md5>}. The new APP_SID is remembered
     * as a frame of that user (the parent page accepts {@code installFinish} only from an admin's frame).
     */
    public String frameQuery(long userId, String lang) {
        String appSid = Randoms.hex(32);
        frameSessions.put(appSid, new FrameSession(appSid, userId, Instant.now()));
        return "DOMAIN=" + URLEncoder.encode(domain(), StandardCharsets.UTF_8)
                + "&PROTOCOL=0&LANG=" + URLEncoder.encode(lang, StandardCharsets.UTF_8) + "&APP_SID=" + appSid;
    }

    /** The frame opened with this APP_SID, if this portal opened it. */
    public Optional<FrameSession> frameSession(String appSid) {
        return Optional.ofNullable(appSid).map(frameSessions::get);
    }

    /**
     * The form body the portal POSTs into a frame, with tokens freshly issued for the user:
     * AUTH_ID, AUTH_EXPIRES, REFRESH_ID, [SERVER_ENDPOINT], member_id, status, PLACEMENT,
     * [PLACEMENT_OPTIONS if given], [APPLICATION_TOKEN, APPLICATION_SCOPE]; the bracketed fields
     * depend on {@link #setSendsApplicationToken(boolean)}. Opening the installer (PLACEMENT=DEFAULT
     * while not installed) as an admin makes that admin the installing user.
     */
    public Map<String, String> frameForm(long userId, String placement, String placementOptionsJson) {
        IssuedTokens tokens = issueTokens(userId);
        Map<String, String> form = new LinkedHashMap<>();
        form.put("AUTH_ID", tokens.accessToken());
        form.put("AUTH_EXPIRES", String.valueOf(tokens.expiresInSeconds()));
        form.put("REFRESH_ID", tokens.refreshToken());
        boolean newPortal = sendsApplicationToken;
        if (newPortal) {
            form.put("SERVER_ENDPOINT", serverEndpoint());
        }
        form.put("member_id", memberId);
        form.put("status", APP_STATUS);
        form.put("PLACEMENT", placement);
        if (placementOptionsJson != null && !placementOptionsJson.isEmpty()) {
            form.put("PLACEMENT_OPTIONS", placementOptionsJson);
        }
        synchronized (this) {
            if (newPortal) {
                form.put("APPLICATION_TOKEN", applicationToken);
                form.put("APPLICATION_SCOPE", appScope);
            }
            if ("DEFAULT".equals(placement) && !installed && user(userId).map(SimUser::portalAdmin).orElse(false)) {
                installingUserId = userId;
            }
        }
        return form;
    }

    /** The ONAPPINSTALL body for the installing admin, with fresh tokens (for tests that forge or replay it). */
    public Map<String, String> onAppInstallEventForm() {
        return onAppInstallEventForm(installingUserId());
    }

    /** The ONAPPINSTALL body with fresh tokens of the given user. */
    public Map<String, String> onAppInstallEventForm(long userId) {
        return eventForms.install(userId, handlerIdOf("ONAPPINSTALL"));
    }

    /** The ONAPPUNINSTALL body as an uninstall without CLEAN would send it now. */
    public Map<String, String> onAppUninstallEventForm() {
        return eventForms.uninstall(handlerIdOf("ONAPPUNINSTALL"), applicationToken(), false);
    }

    private long handlerIdOf(String event) {
        return onlineBindings(event).stream().mapToLong(SimEventBinding::id).findFirst().orElse(0);
    }

    private synchronized List<SimEventBinding> onlineBindings(String event) {
        return eventBindings.stream().filter(b -> b.event().equals(event) && !b.offline()).toList();
    }

    private CompletableFuture<List<DeliveredEvent>> deliverToBindings(
            String event, Function<SimEventBinding, Map<String, String>> form) {
        return deliver(event, onlineBindings(event), form);
    }

    private CompletableFuture<List<DeliveredEvent>> deliver(
            String event, List<SimEventBinding> handlers,
            Function<SimEventBinding, Map<String, String>> form) {
        List<CompletableFuture<DeliveredEvent>> sent = handlers.stream()
                .map(binding -> services.delivery().post(event, binding.handler(), form.apply(binding))
                        .thenApply(delivered -> {
                            deliveries.add(delivered);
                            return delivered;
                        }))
                .toList();
        return CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new))
                .thenApply(done -> sent.stream().map(CompletableFuture::join).toList());
    }

    /** Every event POST made so far, oldest first. */
    public List<DeliveredEvent> deliveredEvents() {
        return List.copyOf(deliveries);
    }

    /** Expires every access token of this portal; refresh tokens keep working. */
    public void expireAllAccessTokens() {
        services.tokens().expireAll(this);
    }

    /** Revokes every refresh token of the user on this portal (their next refresh gets {@code invalid_grant}). */
    public void revokeRefreshTokens(long userId) {
        services.tokens().revokeRefreshTokens(this, userId);
    }

    /** Creates an incoming webhook for the user; returns its code for {@code /rest/{userId}/{code}/{method}}. */
    public String createWebhook(long userId, String scope) {
        String hook = Randoms.hex(16);
        webhooks.put(hook, new Webhook(userId, scope));
        return hook;
    }

    public Optional<Webhook> webhook(long userId, String hook) {
        return Optional.ofNullable(webhooks.get(hook)).filter(w -> w.userId() == userId);
    }

    // ---- placements and event bindings (state behind placement.* and event.*) --------------------

    /** The app's placement handlers, ordered by id. */
    public synchronized List<SimPlacement> placements() {
        return List.copyOf(placements);
    }

    /** Stores a placement row under the next id. */
    public synchronized SimPlacement addPlacement(String placement, String handler, String title, String description,
                                                  String groupName, JsonNode langAll) {
        SimPlacement row = new SimPlacement(placementIds.incrementAndGet(), placement, handler, title, description,
                groupName, langAll);
        placements.add(row);
        return row;
    }

    /** Deletes the matching placement rows; returns how many were deleted. */
    public synchronized int removePlacements(Predicate<SimPlacement> which) {
        int before = placements.size();
        placements.removeIf(which);
        return before - placements.size();
    }

    /** The app's event handlers, ordered by id. */
    public synchronized List<SimEventBinding> eventBindings() {
        return List.copyOf(eventBindings);
    }

    public synchronized SimEventBinding addEventBinding(String event, String handler, long userId, boolean offline) {
        SimEventBinding row = new SimEventBinding(eventBindingIds.incrementAndGet(), event, handler, userId, offline);
        eventBindings.add(row);
        return row;
    }

    public synchronized int removeEventBindings(Predicate<SimEventBinding> which) {
        int before = eventBindings.size();
        eventBindings.removeIf(which);
        return before - eventBindings.size();
    }

    // ---- card layouts -----------------------------------------------------------------------------

    /** The stored {@code crm.entity.editor} rows behind the card-configuration methods. */
    public EditorOptions editorOptions() {
        return editorOptions;
    }

    /** One stored row, e.g. {@code editorOption("deal_details_common", 0, true)}. */
    public Optional<JsonNode> editorOption(String name, long userId, boolean common) {
        return editorOptions.get(new EditorOptions.Key(name, userId, common));
    }

    /** Stores a row as is (for seeding unusual data). */
    public void putEditorOption(String name, long userId, boolean common, JsonNode value) {
        editorOptions.put(new EditorOptions.Key(name, userId, common), value);
    }

    /** Stores a personal layout for the user as the card's editor would save it (string optionFlags, element titles). */
    public void seedPersonalLayout(String configId, long userId) {
        putEditorOption(configId, userId, false, SeedLayouts.personal(configId));
    }

    /** Stores a common layout ({@code configId_common}) as the card's editor would save it. */
    public void seedCommonLayout(String configId) {
        putEditorOption(configId + "_common", 0, true, SeedLayouts.common(configId));
    }

    /** Stores the user's explicit view choice ({@code configId_scope}): {@code "P"} or {@code "C"}. */
    public void seedViewChoice(String configId, long userId, String scope) {
        putEditorOption(configId + "_scope", userId, false, TextNode.valueOf(scope));
    }

    /** Where the user's card layout comes from: {@code "personal"}, {@code "common"} or {@code "default"}. */
    public String layoutSource(String configId, long userId) {
        return editorOptions.effective(configId, userId).source();
    }

    // ---- switches -------------------------------------------------------------------------------

    /** While on, every REST call answers 503 QUERY_LIMIT_EXCEEDED. */
    public void setRateLimited(boolean on) {
        rateLimited = on;
    }

    public boolean rateLimited() {
        return rateLimited;
    }

    /** The cloud's leaky bucket (capacity 50, drains 2 per second); off by default. */
    public void setLeakyBucket(boolean on) {
        leakyBucket = on;
        bucket.empty();
    }

    public boolean leakyBucket() {
        return leakyBucket;
    }

    /** While on, every method call (not the outer batch) answers 429 OPERATION_TIME_LIMIT. */
    public void setOperationTimeLimited(boolean on) {
        operationTimeLimited = on;
    }

    public boolean operationTimeLimited() {
        return operationTimeLimited;
    }

    /** The portal's load limiter: each method's execution time in the last 10 minutes. */
    public OperatingTime operatingTime() {
        return operatingTime;
    }

    /** Newer portals send SERVER_ENDPOINT, APPLICATION_TOKEN and APPLICATION_SCOPE in frames (default); older ones do not. */
    public void setSendsApplicationToken(boolean on) {
        sendsApplicationToken = on;
    }

    public boolean sendsApplicationToken() {
        return sendsApplicationToken;
    }

    /** Makes every method whose name starts with the prefix (case-insensitive) unknown: 404 ERROR_METHOD_NOT_FOUND. */
    public void setMethodMissing(String methodPrefix, boolean missing) {
        String prefix = methodPrefix.toLowerCase(Locale.ROOT);
        if (missing) {
            missingMethodPrefixes.add(prefix);
        } else {
            missingMethodPrefixes.remove(prefix);
        }
    }

    public boolean methodMissing(String method) {
        return missingMethodPrefixes.stream().anyMatch(method::startsWith);
    }

    /**
     * The next {@code n} REST requests to known methods answer {@code httpStatus} with
     * {@code {"error":error,"error_description":…}}, before any auth check.
     */
    public void failNextCalls(int n, int httpStatus, String error) {
        injectedFailures.failNext(n, httpStatus, error);
    }

    /** Consumes one injected failure, if any is left. */
    public Optional<InjectedFailures.Failure> takeInjectedFailure() {
        return injectedFailures.take();
    }

    /** True if the request is refused by the forced limit or a full leaky bucket. */
    public boolean overRateLimit() {
        return rateLimited || (leakyBucket && !bucket.tryAdd());
    }

    // ---- counters -------------------------------------------------------------------------------

    /** Every request that reached this portal or the OAuth server about it. */
    public RequestLog requestLog() {
        return requestLog;
    }

    /** REST requests for the method (case-insensitive), successful or not, including batch commands. */
    public int restCallCount(String method) {
        return requestLog.calls(method);
    }

    /** Counts a token request that presented a refresh token of this portal. */
    public void countTokenRefresh(long userId) {
        requestLog.record(RequestLog.Kind.OAUTH, "oauth/token", List.of(), "");
        refreshesByUser.computeIfAbsent(userId, id -> new AtomicInteger()).incrementAndGet();
    }

    /** Refresh requests with a refresh token of this portal, successful and failed. */
    public int tokenRefreshCount() {
        return requestLog.calls("oauth/token");
    }

    /** Refresh requests with a refresh token of this user, successful and failed. */
    public int refreshCount(long userId) {
        AtomicInteger count = refreshesByUser.get(userId);
        return count == null ? 0 : count.get();
    }

    public void countAppInfo() {
        requestLog.record(RequestLog.Kind.OAUTH, "app.info", List.of(), "");
    }

    /** Calls of the OAuth server's {@code app.info} with a token of this portal. */
    public int appInfoCount() {
        return requestLog.calls("app.info");
    }

    @Override
    public String toString() {
        return "SimPortal[" + code + "]";
    }

    /** Bitrix24's cloud limiter: each request adds one, the level drains continuously. */
    private static final class LeakyBucket {
        private final int capacity;
        private final double drainPerSecond;
        private double level;
        private long lastNanos = System.nanoTime();

        LeakyBucket(int capacity, double drainPerSecond) {
            this.capacity = capacity;
            this.drainPerSecond = drainPerSecond;
        }

        synchronized boolean tryAdd() {
            long now = System.nanoTime();
            level = Math.max(0, level - (now - lastNanos) / 1e9 * drainPerSecond);
            lastNanos = now;
            if (level + 1 > capacity) {
                return false;
            }
            level += 1;
            return true;
        }

        synchronized void empty() {
            level = 0;
            lastNanos = System.nanoTime();
        }
    }
}
