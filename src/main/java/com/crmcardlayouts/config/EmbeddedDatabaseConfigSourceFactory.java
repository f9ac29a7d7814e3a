package com.crmcardlayouts.config;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.PropertiesConfigSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.eclipse.microprofile.config.spi.ConfigSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Starts a real PostgreSQL from a Maven artifact for the dev, demo and test profiles when no
 * database URL is configured, so the app runs and is tested with nothing installed but a JDK.
 * Production never gets here: it is not one of the profiles below, and a production build does
 * not even contain the embedded PostgreSQL (pom.xml: {@code provided} scope, see the README).
 */
public class EmbeddedDatabaseConfigSourceFactory implements ConfigSourceFactory {

    // Dev mode reloads the application with a fresh class loader; the JVM (and the database) stays.
    private static final String URL_PROPERTY = "crmcardlayouts.embedded-database.url";

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        List<String> profiles = context.getProfiles();
        boolean local = profiles.stream().anyMatch(ProductionGuard.LOCAL_PROFILES::contains);
        if (!local || configuredByTheUser(context.getValue("quarkus.datasource.jdbc.url"))) {
            return List.of();
        }
        if (!embeddedPostgresPresent()) {
            // A production build (no embedded PostgreSQL in it) started with a local profile.
            throw new IllegalStateException("Refusing to start this production build: " + ProductionGuard.localProfiles(profiles));
        }
        String url = startOnce(profiles.contains("test"));
        return List.of(new PropertiesConfigSource(Map.of(
                "quarkus.datasource.jdbc.url", url,
                "quarkus.datasource.username", "postgres",
                "quarkus.datasource.password", "postgres"), "embedded-postgresql", 275));
    }

    /**
     * A packaged app remembers the values it saw at build time ("Runtime Values"), this source's
     * URL included; such a stale URL must not stop a new database from starting.
     */
    private static boolean configuredByTheUser(ConfigValue configured) {
        if (configured == null || configured.getValue() == null) {
            return false;
        }
        String source = String.valueOf(configured.getConfigSourceName()).toLowerCase(java.util.Locale.ROOT);
        return !source.contains("runtime values") && !source.contains("default") && !source.contains("embedded-postgresql");
    }

    private static boolean embeddedPostgresPresent() {
        return EmbeddedDatabaseConfigSourceFactory.class.getClassLoader()
                .getResource("io/zonky/test/db/postgres/embedded/EmbeddedPostgres.class") != null;
    }

    private static synchronized String startOnce(boolean throwaway) {
        String url = System.getProperty(URL_PROPERTY);
        if (url != null) {
            return url;
        }
        try {
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder();
            if (!throwaway) {
                // Keep the local data between runs of the app.
                Path dir = Path.of("target", "local-database").toAbsolutePath();
                Files.createDirectories(dir);
                builder.setDataDirectory(dir).setCleanDataDirectory(false);
            }
            EmbeddedPostgres postgres = builder.start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    postgres.close();
                } catch (IOException ignored) {
                    // the process is ending anyway
                }
            }, "embedded-postgresql-stop"));
            url = postgres.getJdbcUrl("postgres", "postgres");
            System.setProperty(URL_PROPERTY, url);
            return url;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the embedded PostgreSQL", e);
        }
    }
}
