package com.crmcardlayouts.config;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProductionGuardTest {

    @Test
    void the_prod_profile_with_an_https_url_passes() {
        assertEquals(List.of(), ProductionGuard.problems(List.of("prod"), "https://layouts.example.com"));
    }

    @Test
    void every_local_profile_is_refused() {
        for (String profile : List.of("dev", "demo", "test")) {
            List<String> problems = ProductionGuard.problems(List.of("prod", profile), "https://layouts.example.com");
            assertEquals(1, problems.size(), profile);
            assertTrue(problems.get(0).contains("not [" + profile + "]"), problems.get(0));
        }
    }

    @Test
    void a_public_url_that_is_not_https_is_refused() {
        for (String url : List.of("http://layouts.example.com", "layouts.example.com", "https://", "ftp://layouts.example.com", "https ://x")) {
            List<String> problems = ProductionGuard.problems(List.of("prod"), url);
            assertEquals(1, problems.size(), url);
            assertTrue(problems.get(0).startsWith("APP_PUBLIC_URL must be an https:// URL"), problems.get(0));
        }
    }

    @Test
    void both_problems_come_in_one_message() {
        assertEquals(2, ProductionGuard.problems(List.of("dev"), "http://127.0.0.1:8080").size());
    }
}
