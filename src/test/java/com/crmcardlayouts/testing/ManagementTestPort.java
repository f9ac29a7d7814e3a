package com.crmcardlayouts.testing;

import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.config.spi.ConfigSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.Map;
import java.util.Set;

/**
 * Gives each test JVM its own management port (metrics), picked free once, so that test runs side
 * by side do not collide on Quarkus' fixed default. Registered through META-INF/services; a
 * {@code -Dquarkus.management.test-port} still wins (system properties rank higher).
 */
public class ManagementTestPort implements ConfigSource {

    private static final String PROPERTY = "quarkus.management.test-port";
    private static final String PORT = String.valueOf(freePort());

    /** The port the management interface of the app under test listens on. */
    public static int port() {
        return ConfigProvider.getConfig().getValue(PROPERTY, Integer.class);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public Map<String, String> getProperties() {
        return Map.of(PROPERTY, PORT);
    }

    @Override
    public Set<String> getPropertyNames() {
        return Set.of(PROPERTY);
    }

    @Override
    public String getValue(String propertyName) {
        return PROPERTY.equals(propertyName) ? PORT : null;
    }

    @Override
    public String getName() {
        return "management-test-port";
    }

    @Override
    public int getOrdinal() {
        // Above application.properties (250), below system properties (400).
        return 260;
    }
}
