package com.crmcardlayouts.bitrix24;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;

/** Which Bitrix24 URLs the app may call at all. */
final class Endpoints {

    private Endpoints() {
    }

    /**
     * HTTPS to a public address only. A self-hosted portal registered with the cloud OAuth server
     * can name any host as its endpoint; without this check the app would send its requests into
     * the network it runs in. Local simulators and tests switch the check off with
     * {@code BITRIX24_ALLOW_INSECURE_HTTP}.
     */
    static void requireAllowed(String url, boolean allowInsecureHttp) {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new Bitrix24Exception.InvalidToken("BAD_ENDPOINT", "Bitrix24 named an endpoint that is not a URL");
        }
        boolean https = "https".equalsIgnoreCase(uri.getScheme());
        boolean http = "http".equalsIgnoreCase(uri.getScheme());
        if (uri.getHost() == null || !(https || (http && allowInsecureHttp))) {
            throw new Bitrix24Exception.InvalidToken("INSECURE_ENDPOINT", "Bitrix24 endpoints must use HTTPS: " + uri.getScheme() + "://" + uri.getHost());
        }
        if (!allowInsecureHttp && !isPublic(uri.getHost())) {
            throw new Bitrix24Exception.InvalidToken("PRIVATE_ENDPOINT", "Bitrix24 named an endpoint on a private network: " + uri.getHost());
        }
    }

    private static boolean isPublic(String host) {
        try {
            for (InetAddress address : InetAddress.getAllByName(host)) {
                if (address.isLoopbackAddress() || address.isSiteLocalAddress() || address.isLinkLocalAddress()
                        || address.isAnyLocalAddress() || address.isMulticastAddress() || isOtherInternal(address)) {
                    return false;
                }
            }
            return true;
        } catch (UnknownHostException e) {
            throw new Bitrix24Exception.Unavailable("UNKNOWN_HOST", "The portal's host name does not resolve: " + host);
        }
    }

    /**
     * Ranges Java does not flag: IPv6 unique-local fc00::/7 and NAT64 64:ff9b::/96, carrier-grade
     * NAT 100.64.0.0/10 (cloud metadata lives there on some providers) and benchmarking 198.18.0.0/15.
     */
    private static boolean isOtherInternal(InetAddress address) {
        byte[] b = address.getAddress();
        if (b.length == 16) {
            boolean nat64 = (b[0] & 0xff) == 0x00 && (b[1] & 0xff) == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b;
            return (b[0] & 0xfe) == 0xfc || nat64;
        }
        int first = b[0] & 0xff;
        int second = b[1] & 0xff;
        return (first == 100 && second >= 64 && second <= 127) || (first == 198 && (second == 18 || second == 19));
    }
}
