package com.crmcardlayouts.config;

import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.junit.main.Launch;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainTest;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The app built with the prod build profile and started with a local profile (here {@code test},
 * which the test run needs for its database) and a plain-HTTP public URL does not start.
 */
@QuarkusMainTest
@TestProfile(ProductionGuardStartTest.ProdBuild.class)
class ProductionGuardStartTest {

    public static class ProdBuild implements QuarkusTestProfile {
        @Override
        public String getConfigProfile() {
            return "prod,test";
        }

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "app.public-url", "http://layouts.example.com",
                    "quarkus.flyway.schemas", "production_guard",
                    "quarkus.datasource.jdbc.new-connection-sql", "set search_path to production_guard");
        }
    }

    @Test
    @Launch(value = {}, exitCode = 1)
    void refuses_a_local_profile_and_a_plain_http_public_url_in_one_message(LaunchResult result) {
        String output = result.getOutput() + result.getErrorOutput();
        assertTrue(output.contains("Refusing to start this production build: it runs with the prod profile only, not [test]"), output);
        assertTrue(output.contains("APP_PUBLIC_URL must be an https:// URL (Bitrix24 frames and calls it over HTTPS), got http://layouts.example.com"), output);
    }
}
