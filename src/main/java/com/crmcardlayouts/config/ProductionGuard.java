package com.crmcardlayouts.config;

import io.quarkus.arc.profile.IfBuildProfile;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.config.SmallRyeConfig;
import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.Config;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Refuses to start a production build that was given a local profile or a public URL that is not
 * HTTPS. Local profiles carry a fixed encryption key, a known client secret and plain-HTTP
 * endpoints; a production build has no simulator and no embedded database to go with them.
 */
@IfBuildProfile("prod")
public class ProductionGuard {

    static final Set<String> LOCAL_PROFILES = Set.of("dev", "demo", "test");

    // Before every other start-up observer: nothing is reported or scheduled for a run that stops here.
    void check(@Observes @Priority(1) StartupEvent event, Config config, AppConfig app) {
        List<String> problems = problems(config.unwrap(SmallRyeConfig.class).getProfiles(), app.publicUrl());
        if (!problems.isEmpty()) {
            throw new IllegalStateException("Refusing to start this production build: " + String.join("; ", problems));
        }
    }

    /** What is wrong with running a production build with these profiles and this public URL; empty when nothing is. */
    static List<String> problems(List<String> profiles, String publicUrl) {
        List<String> problems = new ArrayList<>();
        List<String> local = profiles.stream().filter(LOCAL_PROFILES::contains).toList();
        if (!local.isEmpty()) {
            problems.add(localProfiles(local));
        }
        if (!isHttps(publicUrl)) {
            problems.add("APP_PUBLIC_URL must be an https:// URL (Bitrix24 frames and calls it over HTTPS), got " + publicUrl);
        }
        return problems;
    }

    /** The refusal of a local profile, also given where a production build notices it first (the embedded database). */
    static String localProfiles(List<String> profiles) {
        return "it runs with the prod profile only, not " + profiles
                + " (local profiles are for ./mvnw quarkus:dev, the tests and the demo build); unset QUARKUS_PROFILE / -Dquarkus.profile";
    }

    private static boolean isHttps(String url) {
        try {
            URI uri = URI.create(url);
            return "https".equalsIgnoreCase(uri.getScheme()) && uri.getHost() != null;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
