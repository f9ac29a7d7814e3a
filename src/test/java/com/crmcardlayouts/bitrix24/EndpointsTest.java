package com.crmcardlayouts.bitrix24;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EndpointsTest {

    @ParameterizedTest
    @ValueSource(strings = {
            "0.0.0.0", "0.1.2.3",                       // 0.0.0.0/8
            "10.1.2.3", "172.16.5.5", "172.31.255.255", "192.168.0.10",
            "100.64.0.1", "100.100.100.200", "100.127.255.255", // 100.64.0.0/10
            "127.0.0.1", "127.255.0.1",
            "169.254.169.254",
            "192.0.0.1", "192.0.0.255",                 // 192.0.0.0/24
            "192.0.2.1", "198.51.100.7", "203.0.113.9",  // documentation
            "198.18.0.1", "198.19.255.255",              // 198.18.0.0/15
            "224.0.0.1", "239.255.255.250",
            "240.0.0.1", "250.1.2.3", "255.255.255.255", // 240.0.0.0/4
            "::", "::1", "fd00::1", "fc00::1", "fe80::1", "fec0::1", "ff02::1", "2001:db8::1",
            "64:ff9b::a9fe:a9fe",                        // NAT64 of 169.254.169.254
            "2002:7f00:1::",                             // 6to4 of 127.0.0.1
            "2002:a9fe:a9fe::1"})                        // 6to4 of 169.254.169.254
    void refuses_every_internal_range(String address) throws UnknownHostException {
        assertFalse(Endpoints.isPublic(InetAddress.getByName(address)), address);
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "10.0.0.1", "169.254.169.254", "100.64.0.1", "0.0.0.0", "240.0.0.1", "93.184.216.34"})
    void refuses_internal_ipv4_addresses_hidden_in_ipv4_compatible_ipv6(String v4) throws UnknownHostException {
        // ::a.b.c.d is deprecated and never a real portal, so it is refused whatever it carries.
        byte[] compatible = new byte[16];
        System.arraycopy(InetAddress.getByName(v4).getAddress(), 0, compatible, 12, 4);
        assertFalse(Endpoints.isPublic(Inet6Address.getByAddress(null, compatible, -1)), "::" + v4);
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "10.0.0.1", "169.254.169.254", "100.64.0.1", "198.18.0.1", "192.0.0.8"})
    void refuses_internal_ipv4_addresses_in_ipv4_mapped_ipv6(String v4) throws UnknownHostException {
        // InetAddress.getByName turns ::ffff:a.b.c.d into an Inet4Address; a resolver may hand over the IPv6 form itself.
        Inet6Address mapped = Inet6Address.getByAddress(null, mapped(v4), -1);
        assertEquals(16, mapped.getAddress().length);
        assertFalse(Endpoints.isPublic(mapped), "::ffff:" + v4);
    }

    @Test
    void a_public_ipv4_address_in_ipv4_mapped_ipv6_is_public() throws UnknownHostException {
        assertTrue(Endpoints.isPublic(Inet6Address.getByAddress(null, mapped("93.184.216.34"), -1)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"93.184.216.34", "8.8.8.8", "100.63.255.255", "100.128.0.1", "172.32.0.1", "192.0.1.1", "198.20.0.1",
            "223.255.255.255", "2606:4700::1111", "2a00:1450:4001::200e", "2002:5db8:d822::1"})
    void accepts_public_addresses_next_to_the_ranges(String address) throws UnknownHostException {
        assertTrue(Endpoints.isPublic(InetAddress.getByName(address)), address);
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://127.0.0.1/rest/", "https://10.1.2.3/rest/", "https://[::1]/rest/", "https://[fd00::1]/rest/",
            "https://0.0.0.0/rest/", "https://100.100.100.200/rest/", "https://[::ffff:127.0.0.1]/rest/", "https://[::7f00:1]/rest/"})
    void refuses_a_private_address_literal_without_any_dns(String url) {
        Bitrix24Exception refused = assertThrows(Bitrix24Exception.InvalidToken.class, () -> Endpoints.requireAllowed(url, false, false));
        assertEquals("PRIVATE_ENDPOINT", refused.code());
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://93.184.216.34/rest/", "ftp://93.184.216.34/rest/", "not a url", "https:///rest/"})
    void refuses_endpoints_that_are_not_https(String url) {
        assertThrows(Bitrix24Exception.InvalidToken.class, () -> Endpoints.requireAllowed(url, false, false));
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://93.184.216.34/rest/", "https://[2606:4700::1111]/rest/", "https://portal.bitrix24.com/rest/"})
    void accepts_public_https_endpoints(String url) {
        assertDoesNotThrow(() -> Endpoints.requireAllowed(url, false, false));
    }

    @Test
    void insecure_http_and_private_endpoints_are_allowed_separately() {
        String simulator = "http://127.0.0.1:8080/simulator/portal/demo/rest/";
        assertDoesNotThrow(() -> Endpoints.requireAllowed(simulator, true, true));
        assertEquals("PRIVATE_ENDPOINT", assertThrows(Bitrix24Exception.class,
                () -> Endpoints.requireAllowed(simulator, true, false)).code(), "http alone does not open private networks");
        assertEquals("INSECURE_ENDPOINT", assertThrows(Bitrix24Exception.class,
                () -> Endpoints.requireAllowed(simulator, false, true)).code(), "private networks alone do not allow http");
    }

    private static byte[] mapped(String v4) throws UnknownHostException {
        byte[] mapped = new byte[16];
        mapped[10] = (byte) 0xff;
        mapped[11] = (byte) 0xff;
        System.arraycopy(InetAddress.getByName(v4).getAddress(), 0, mapped, 12, 4);
        return mapped;
    }
}
