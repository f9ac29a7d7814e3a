package com.crmcardlayouts.config;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.net.URI;

/** Checks and logs, once at start, where the app believes it lives and whom it talks to (never a secret). */
public class StartupReport {

    private static final Logger LOG = Logger.getLogger(StartupReport.class);

    void report(@Observes StartupEvent event, AppConfig app, Bitrix24Config bitrix24, DatabaseConfig database) {
        URI oauth = URI.create(bitrix24.oauthServerUrl());
        if (!"https".equals(oauth.getScheme()) && !bitrix24.allowInsecureHttp()) {
            // The client secret travels to this URL: refuse to start rather than send it in clear.
            throw new IllegalStateException("BITRIX24_OAUTH_SERVER_URL must be an https:// URL, got " + bitrix24.oauthServerUrl());
        }
        URI publicUrl = URI.create(app.publicUrl());
        if (publicUrl.getHost() == null || !publicUrl.getHost().contains(".")) {
            LOG.warnf("APP_PUBLIC_URL %s has no dot in its host: Bitrix24 refuses such handler URLs", app.publicUrl());
        }
        LOG.infof("Public URL %s, OAuth server %s, client id %s, database %s", app.publicUrl(), bitrix24.oauthServerUrl(),
                bitrix24.clientId(), withoutCredentials(database.jdbcUrl()));
    }

    /** A JDBC URL may carry a password in its query; only scheme, host and path are logged. */
    private static String withoutCredentials(String jdbcUrl) {
        int query = jdbcUrl.indexOf('?');
        return query < 0 ? jdbcUrl : jdbcUrl.substring(0, query);
    }
}
