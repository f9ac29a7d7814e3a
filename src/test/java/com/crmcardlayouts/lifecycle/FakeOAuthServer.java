package com.crmcardlayouts.lifecycle;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

/** A stand-in OAuth server for answers the simulator never gives: another app's token, an outage. */
public class FakeOAuthServer implements QuarkusTestResourceLifecycleManager {

    static WireMockServer server;

    @Override
    public Map<String, String> start() {
        server = new WireMockServer(options().dynamicPort());
        server.start();
        return Map.of("bitrix24.oauth-server-url", server.baseUrl());
    }

    @Override
    public void stop() {
        server.stop();
    }
}
