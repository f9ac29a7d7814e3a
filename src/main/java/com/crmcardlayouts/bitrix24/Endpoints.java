package com.crmcardlayouts.bitrix24;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/**
 * Which Bitrix24 URLs and addresses the app may call at all. A self-hosted portal registered with
 * the cloud OAuth server can name any host as its endpoint; without these checks the app would send
 * its requests (with a user's token) into the network it runs in.
 */
final class Endpoints {

    /** A host that is an address itself, as {@link URI#getHost()} spells it: dotted IPv4 or bracketed IPv6. */
    private static final Pattern ADDRESS_LITERAL = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}|\\[[0-9A-Fa-f:.%]+]");

    private Endpoints() {
    }

    /**
     * HTTPS (or, with {@code allowInsecureHttp}, HTTP) with a host: the URL's shape only, no DNS.
     *
     * @throws Bitrix24Exception.InvalidToken otherwise
     */
    static URI requireSecure(String url, boolean allowInsecureHttp) {
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
        return uri;
    }

    /**
     * {@link #requireSecure} and, unless private endpoints are allowed, a host that is not itself a
     * private address. Needs no DNS, so it can run while Bitrix24 waits for an answer; the address a
     * host name resolves to is checked when the app connects ({@link PortalAddresses}).
     */
    static URI requireAllowed(String url, boolean allowInsecureHttp, boolean allowPrivateEndpoints) {
        URI uri = requireSecure(url, allowInsecureHttp);
        if (!allowPrivateEndpoints && ADDRESS_LITERAL.matcher(uri.getHost()).matches() && !isPublic(literal(uri.getHost()))) {
            throw privateEndpoint(uri.getHost());
        }
        return uri;
    }

    static Bitrix24Exception.InvalidToken privateEndpoint(String host) {
        return new Bitrix24Exception.InvalidToken("PRIVATE_ENDPOINT", "Bitrix24 named an endpoint on a private network: " + host);
    }

    /**
     * Whether the app may connect to {@code address} when private endpoints are not allowed: not
     * loopback, private, link-local, carrier-grade NAT, benchmarking, reserved, multicast or
     * unspecified, and not an IPv6 form that carries such an IPv4 address.
     */
    static boolean isPublic(InetAddress address) {
        byte[] b = address.getAddress();
        return b.length == 4 ? isPublicV4(b) : isPublicV6(b);
    }

    private static boolean isPublicV4(byte[] b) {
        int first = b[0] & 0xff;
        int second = b[1] & 0xff;
        int third = b[2] & 0xff;
        return !(first == 0                                         // 0.0.0.0/8 "this network"
                || first == 10                                      // 10.0.0.0/8
                || first == 127                                     // loopback
                || (first == 100 && second >= 64 && second <= 127)  // 100.64.0.0/10 carrier-grade NAT (cloud metadata on some)
                || (first == 169 && second == 254)                  // link-local, cloud metadata 169.254.169.254
                || (first == 172 && second >= 16 && second <= 31)   // 172.16.0.0/12
                || (first == 192 && second == 0 && third == 0)      // 192.0.0.0/24 IETF protocol assignments
                || (first == 192 && second == 0 && third == 2)      // 192.0.2.0/24 documentation
                || (first == 192 && second == 168)                  // 192.168.0.0/16
                || (first == 198 && (second == 18 || second == 19)) // 198.18.0.0/15 benchmarking
                || (first == 198 && second == 51 && third == 100)   // 198.51.100.0/24 documentation
                || (first == 203 && second == 0 && third == 113)    // 203.0.113.0/24 documentation
                || first >= 224);                                   // multicast 224/4, reserved 240/4, broadcast
    }

    private static boolean isPublicV6(byte[] b) {
        if (zeros(b, 0, 10) && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff) {
            return isPublicV4(tail(b, 12));                       // ::ffff:a.b.c.d IPv4-mapped
        }
        if (zeros(b, 0, 12)) {
            return false;                                         // ::, ::1 and the deprecated IPv4-compatible ::a.b.c.d
        }
        int first = b[0] & 0xff;
        int second = b[1] & 0xff;
        if (first == 0x20 && second == 0x02) {
            return isPublicV4(new byte[]{b[2], b[3], b[4], b[5]}); // 2002::/16 6to4 names an IPv4 address
        }
        boolean nat64 = first == 0x00 && second == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b;
        return !(nat64                                            // 64:ff9b::/96 translates to IPv4 inside the network
                || (first & 0xfe) == 0xfc                         // fc00::/7 unique local
                || (first == 0xfe && (second & 0xc0) == 0x80)     // fe80::/10 link-local
                || (first == 0xfe && (second & 0xc0) == 0xc0)     // fec0::/10 site-local (deprecated)
                || first == 0xff                                  // multicast
                || (first == 0x20 && second == 0x01 && (b[2] & 0xff) == 0x0d && (b[3] & 0xff) == 0xb8)); // 2001:db8::/32 documentation
    }

    private static boolean zeros(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return true;
    }

    private static byte[] tail(byte[] b, int from) {
        return new byte[]{b[from], b[from + 1], b[from + 2], b[from + 3]};
    }

    /** A literal address as {@link InetAddress}, never a DNS lookup (the host matched {@link #ADDRESS_LITERAL}). */
    private static InetAddress literal(String host) {
        try {
            return InetAddress.getByName(host.startsWith("[") ? host.substring(1, host.length() - 1) : host);
        } catch (UnknownHostException e) {
            throw new Bitrix24Exception.InvalidToken("BAD_ENDPOINT", "Bitrix24 named an endpoint that is not a URL");
        }
    }
}
