package com.crmcardlayouts.simulator;

import io.quarkus.arc.profile.IfBuildProfile;
import io.quarkus.runtime.LaunchMode;
import io.quarkus.vertx.http.HttpServerStart;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Where the simulated Bitrix24 is reachable: the app's own HTTP server, always addressed as
 * {@code 127.0.0.1} because Bitrix24 handler URLs need a dot in the host.
 */
@ApplicationScoped
@IfBuildProfile(anyOf = {"dev", "test", "demo"})
public class LocalServer {

    private volatile int startedPort;

    void onStart(@Observes HttpServerStart start) {
        startedPort = start.options().getPort();
    }

    /** The port the app listens on: the started server's, else the configured one for the launch mode. */
    public int port() {
        if (startedPort > 0) {
            return startedPort;
        }
        String property = LaunchMode.current() == LaunchMode.TEST ? "quarkus.http.test-port" : "quarkus.http.port";
        return ConfigProvider.getConfig().getOptionalValue(property, Integer.class)
                .orElse(LaunchMode.current() == LaunchMode.TEST ? 8081 : 8080);
    }

    /** The portal domain as Bitrix24 sends it in {@code DOMAIN} and {@code auth[domain]}, e.g. {@code 127.0.0.1:8080}. */
    public String domain() {
        return "127.0.0.1:" + port();
    }

    /** e.g. {@code http://127.0.0.1:8080} */
    public String baseUrl() {
        return "http://" + domain();
    }

    /** The OAuth server's REST endpoint, sent as {@code server_endpoint}. */
    public String serverEndpoint() {
        return baseUrl() + "/simulator/oauth/rest/";
    }

    /** The REST endpoint of one portal, sent as {@code client_endpoint}. */
    public String clientEndpoint(String portalCode) {
        return portalUri(portalCode) + "/rest/";
    }

    /** The portal's address, as the OAuth server's {@code app.info} reports it in {@code install.uri}. */
    public String portalUri(String portalCode) {
        return baseUrl() + "/simulator/portal/" + portalCode;
    }
}
