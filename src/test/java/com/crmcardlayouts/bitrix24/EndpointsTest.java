package com.crmcardlayouts.bitrix24;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;

class EndpointsTest {

    @ParameterizedTest
    @ValueSource(strings = {"https://127.0.0.1/rest/", "https://10.1.2.3/rest/", "https://192.168.0.10/rest/",
            "https://172.16.5.5/rest/", "https://169.254.169.254/latest/", "https://[::1]/rest/", "https://[fd00::1]/rest/",
            "https://0.0.0.0/rest/", "https://100.100.100.200/rest/", "https://198.18.0.1/rest/", "https://[64:ff9b::a9fe:a9fe]/rest/", "http://93.184.216.34/rest/", "ftp://93.184.216.34/rest/", "not a url"})
    void refuses_private_or_insecure_portal_endpoints_in_production(String url) {
        assertThrows(Bitrix24Exception.class, () -> Endpoints.requireAllowed(url, false));
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://93.184.216.34/rest/", "https://[2606:4700::1111]/rest/"})
    void accepts_public_https_endpoints(String url) {
        assertDoesNotThrow(() -> Endpoints.requireAllowed(url, false));
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://127.0.0.1:8080/simulator/portal/demo/rest/", "https://127.0.0.1/rest/"})
    void a_local_simulator_is_allowed_only_when_insecure_http_is(String url) {
        assertDoesNotThrow(() -> Endpoints.requireAllowed(url, true));
    }
}
