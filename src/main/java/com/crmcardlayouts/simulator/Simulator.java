package com.crmcardlayouts.simulator;

import com.crmcardlayouts.config.AppConfig;
import io.quarkus.arc.profile.IfBuildProfile;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The built-in Bitrix24 simulator: an OAuth server plus portals that the app reaches over real
 * HTTP under {@code /simulator} on its own port. Only the dev, test and demo builds contain it.
 *
 * <p>Tests inject this bean to drive the portal side: {@code simulator.portal()} is the default
 * portal {@code demo}; see {@link SimPortal} for frames, lifecycle events, error injection and
 * counters. All state is in memory; {@link #reset()} restores the initial state.
 */
@ApplicationScoped
@IfBuildProfile(anyOf = {"dev", "test", "demo"})
public class Simulator {

    /** Code of the default portal: {@code /simulator/portal/demo/rest/}. */
    public static final String DEFAULT_PORTAL = "demo";

    private final TokenRegistry tokens;
    private final LocalServer server;
    private final AppConfig appConfig;
    private final SimPortal.Services services;
    private final Map<String, SimPortal> portals = new ConcurrentHashMap<>();
    // The default portal keeps its member_id across resets: it is "the same portal, emptied".
    private final String defaultMemberId = Randoms.hex(32);
    private final InjectedFailures tokenEndpointFailures = new InjectedFailures();
    private volatile Duration tokenEndpointDelay = Duration.ZERO;
    private final Duration configuredRequestDelay;
    private volatile Duration requestDelay;

    Simulator(TokenRegistry tokens, LocalServer server, EventDelivery delivery, AppConfig appConfig,
              @ConfigProperty(name = "simulator.request-delay", defaultValue = "0s") Duration requestDelay) {
        this.configuredRequestDelay = requestDelay;
        this.requestDelay = requestDelay;
        this.tokens = tokens;
        this.server = server;
        this.appConfig = appConfig;
        this.services = new SimPortal.Services(tokens, server, delivery);
        portals.put(DEFAULT_PORTAL, new SimPortal(DEFAULT_PORTAL, defaultMemberId, services));
    }

    /** The default portal, code {@code demo}. */
    public SimPortal portal() {
        return portals.get(DEFAULT_PORTAL);
    }

    /** A portal by its code, e.g. {@code demo}. */
    public Optional<SimPortal> portal(String code) {
        return Optional.ofNullable(code).map(portals::get);
    }

    /** Every portal, the default one first. */
    public List<SimPortal> portals() {
        return portals.values().stream()
                .sorted((a, b) -> a.code().equals(DEFAULT_PORTAL) ? -1 : b.code().equals(DEFAULT_PORTAL) ? 1
                        : a.code().compareTo(b.code()))
                .toList();
    }

    /** A fresh portal with a random member_id, the same five users and the app not installed. */
    public SimPortal createPortal() {
        String code = "p" + Randoms.hex(8);
        SimPortal portal = new SimPortal(code, Randoms.hex(32), services);
        portals.put(code, portal);
        return portal;
    }

    /**
     * Back to the initial state: only the default portal (same member_id, app not installed, no
     * placements, bindings, layouts or options), no tokens, no switches, counters at zero.
     * {@link SimPortal} objects obtained before are detached: fetch them again with {@link #portal()}.
     */
    public synchronized void reset() {
        tokens.clear();
        portals.clear();
        portals.put(DEFAULT_PORTAL, new SimPortal(DEFAULT_PORTAL, defaultMemberId, services));
        tokenEndpointFailures.clear();
        tokenEndpointDelay = Duration.ZERO;
        requestDelay = configuredRequestDelay;
    }

    /**
     * How long every request to a portal or the OAuth server takes before it is answered, like a real
     * portal's 0.15–0.4 s; {@code simulator.request-delay}, none by default.
     */
    public void setRequestDelay(Duration delay) {
        requestDelay = delay;
    }

    /** Waits the request delay; called on a worker thread by each simulated endpoint. */
    public void delayRequest() {
        sleep(requestDelay);
    }

    /** Waits the request delay and the token endpoint's own delay. */
    public void delayTokenRequest() {
        sleep(requestDelay.plus(tokenEndpointDelay));
    }

    private static void sleep(Duration delay) {
        if (delay.isZero()) {
            return;
        }
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** How long the OAuth token endpoint takes to answer, like a slow network; none by default. */
    public void setTokenEndpointDelay(Duration delay) {
        tokenEndpointDelay = delay;
    }

    /** The next {@code n} requests to the OAuth token endpoint answer {@code httpStatus} with that error. */
    public void failNextTokenRequests(int n, int httpStatus, String error) {
        tokenEndpointFailures.failNext(n, httpStatus, error);
    }

    /** Consumes one injected token-endpoint failure, if any is left. */
    public Optional<InjectedFailures.Failure> takeTokenEndpointFailure() {
        return tokenEndpointFailures.take();
    }

    /** The app's installer, as registered for the app version: {@code <app.public-url>/bitrix24/install}. */
    public String installerUrl() {
        return appConfig.publicBase() + "/bitrix24/install";
    }

    /** The app's main page: {@code <app.public-url>/bitrix24/app}. */
    public String applicationUrl() {
        return appConfig.publicBase() + "/bitrix24/app";
    }

    /** The origin app frames post messages from, e.g. {@code http://127.0.0.1:8080}. */
    public String appOrigin() {
        java.net.URI uri = java.net.URI.create(appConfig.publicBase());
        return uri.getScheme() + "://" + uri.getAuthority();
    }

    /** e.g. {@code http://127.0.0.1:8080} */
    public String baseUrl() {
        return server.baseUrl();
    }
}
