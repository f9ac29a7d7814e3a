package com.crmcardlayouts;

import com.crmcardlayouts.portal.KeyRotation;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.QuarkusApplication;
import io.quarkus.runtime.annotations.QuarkusMain;
import jakarta.inject.Inject;

import java.util.List;

/**
 * Starts the app, or with the single argument {@code reencrypt-tokens} runs the key rotation
 * once and exits: {@code java -jar quarkus-run.jar reencrypt-tokens}.
 */
@QuarkusMain
public class Main {

    public static final String REENCRYPT_TOKENS = "reencrypt-tokens";

    public static void main(String... args) {
        if (List.of(args).equals(List.of(REENCRYPT_TOKENS))) {
            // Often run beside a live instance (same pod or host): take no HTTP port, nor the management one.
            System.setProperty("quarkus.http.host-enabled", "false");
            System.setProperty("quarkus.management.host-enabled", "false");
        }
        Quarkus.run(Command.class, args);
    }

    /** Chooses between serving and the one-off command. */
    public static class Command implements QuarkusApplication {

        @Inject
        KeyRotation keyRotation;

        @Override
        public int run(String... args) {
            if (args.length == 0) {
                Quarkus.waitForExit();
                return 0;
            }
            if (!List.of(args).equals(List.of(REENCRYPT_TOKENS))) {
                System.err.println("Unknown arguments " + List.of(args) + "; the only command is " + REENCRYPT_TOKENS);
                return 2;
            }
            KeyRotation.Result result;
            try {
                result = keyRotation.reencryptAll();
            } catch (RuntimeException e) {
                System.err.println("Re-encryption stopped: " + e + "; rows done so far keep their new key, run it again");
                return 1;
            }
            System.out.println("Re-encrypted user token pairs: " + result.userTokensReencrypted());
            System.out.println("Re-encrypted application tokens: " + result.applicationTokensReencrypted());
            if (!result.complete()) {
                System.err.println("Could not re-encrypt " + result.failures().size() + " value(s); they were left unchanged:");
                result.failures().forEach(failure -> System.err.println("  " + failure));
                return 1;
            }
            System.out.println("Every stored token is encrypted with the current key; the previous keys can be removed.");
            return 0;
        }
    }
}
