package com.crmcardlayouts.bitrix24;

import com.crmcardlayouts.config.Bitrix24Config;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Resolves a portal's host once, within a time limit, checks every address it resolves to, and
 * names the one address the app then connects to. Connecting to exactly that address (not to the
 * host name again) is what closes the DNS-rebinding window: a name that answered a public address
 * for the check cannot answer a private one for the connection.
 */
@ApplicationScoped
class PortalAddresses {

    /** The JVM's lookup cannot be interrupted; one that hangs longer than this is given up (its thread ends on its own). */
    static final Duration LOOKUP_LIMIT = Duration.ofSeconds(2);
    /** Lookups in progress at once; more means the resolver hangs, and waiting in line would not help. */
    private static final int LOOKUP_THREADS = 16;

    private final HostResolver resolver;
    private final Bitrix24Config config;
    private final ThreadPoolExecutor lookups = new ThreadPoolExecutor(0, LOOKUP_THREADS, 30, TimeUnit.SECONDS,
            new SynchronousQueue<>(), runnable -> {
                Thread thread = new Thread(runnable, "portal-dns-lookup");
                thread.setDaemon(true);
                return thread;
            });

    PortalAddresses(HostResolver resolver, Bitrix24Config config) {
        this.resolver = resolver;
        this.config = config;
    }

    /**
     * The address to connect to for {@code endpoint}.
     *
     * @throws Bitrix24Exception.InvalidToken the host resolves to a private address (and those are not allowed)
     * @throws Bitrix24Exception.Unavailable  the host does not resolve, or not within the limit or the deadline
     */
    InetSocketAddress checked(URI endpoint, Deadline deadline) {
        String host = endpoint.getHost();
        InetAddress[] addresses = lookUp(host.startsWith("[") ? host.substring(1, host.length() - 1) : host, deadline);
        if (addresses.length == 0) {
            throw new Bitrix24Exception.Unavailable("UNKNOWN_HOST", "The portal's host name does not resolve: " + host);
        }
        if (!config.allowPrivateEndpoints()) {
            // Every address, not just the first: a name that also answers a private one is refused as a whole.
            for (InetAddress address : addresses) {
                if (!Endpoints.isPublic(address)) {
                    throw Endpoints.privateEndpoint(host);
                }
            }
        }
        int port = endpoint.getPort() > 0 ? endpoint.getPort() : "https".equalsIgnoreCase(endpoint.getScheme()) ? 443 : 80;
        return new InetSocketAddress(addresses[0], port);
    }

    private InetAddress[] lookUp(String host, Deadline deadline) {
        Duration limit = deadline.nextCall().compareTo(LOOKUP_LIMIT) < 0 ? deadline.nextCall() : LOOKUP_LIMIT;
        Future<InetAddress[]> lookup;
        try {
            lookup = lookups.submit(() -> resolver.lookUp(host));
        } catch (RejectedExecutionException e) {
            throw new Bitrix24Exception.Unavailable("DNS_BUSY", "Too many host name lookups are hanging");
        }
        try {
            return lookup.get(limit.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            lookup.cancel(true);
            throw new Bitrix24Exception.Unavailable("DNS_TIMEOUT", "The portal's host name did not resolve in time: " + host);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownHostException) {
                throw new Bitrix24Exception.Unavailable("UNKNOWN_HOST", "The portal's host name does not resolve: " + host);
            }
            throw new Bitrix24Exception.Unavailable("DNS_FAILED", "Looking up the portal's host name failed: " + host);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Bitrix24Exception.Unavailable("INTERRUPTED", "The call to Bitrix24 was interrupted");
        }
    }

    @PreDestroy
    void stop() {
        lookups.shutdownNow();
    }
}
