package com.crmcardlayouts;

import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.junit.main.Launch;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusMainTest
@TestProfile(MainCommandTest.OwnSchema.class)
class MainCommandTest {

    /** An empty schema of its own, so the command sees no rows written by other tests. */
    public static class OwnSchema implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "quarkus.flyway.schemas", "main_command",
                    "quarkus.datasource.jdbc.new-connection-sql", "set search_path to main_command");
        }
    }

    @AfterEach
    void serveHttpAgain() {
        // The command switches the HTTP server off for its own JVM; the tests share one.
        System.clearProperty("quarkus.http.host-enabled");
        System.clearProperty("quarkus.management.host-enabled");
    }

    @Test
    @Launch(value = Main.REENCRYPT_TOKENS, exitCode = 0)
    void reencrypt_tokens_prints_the_counts_and_exits_0(LaunchResult result) {
        assertTrue(result.getOutput().contains("Re-encrypted user token pairs: 0"), result.getOutput());
        assertTrue(result.getOutput().contains("Re-encrypted application tokens: 0"), result.getOutput());
    }

    @Test
    @Launch(value = "frobnicate", exitCode = 2)
    void an_unknown_command_exits_2(LaunchResult result) {
        assertTrue(result.getErrorOutput().contains(Main.REENCRYPT_TOKENS), result.getErrorOutput());
    }
}
