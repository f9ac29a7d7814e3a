package com.crmcardlayouts.simulator;

import io.quarkus.arc.profile.IfBuildProfile;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

/** Posts events to app handlers over real HTTP, form-encoded with PHP bracket keys, once and without retries. */
@ApplicationScoped
@IfBuildProfile(anyOf = {"dev", "test", "demo"})
public class EventDelivery {

    private static final Logger LOG = Logger.getLogger(EventDelivery.class);

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();

    public CompletableFuture<DeliveredEvent> post(String event, String handler, Map<String, String> form) {
        Instant at = Instant.now();
        HttpRequest request;
        try {
            request = HttpRequest.newBuilder(URI.create(handler))
                    .timeout(Duration.ofSeconds(10))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .header("User-Agent", "Bitrix24 Webhook Engine")
                    .POST(HttpRequest.BodyPublishers.ofString(encode(form)))
                    .build();
        } catch (IllegalArgumentException e) {
            return CompletableFuture.completedFuture(new DeliveredEvent(event, handler, form, 0, "Bad handler URL", at));
        }
        return http.sendAsync(request, HttpResponse.BodyHandlers.discarding())
                .thenApply(response -> new DeliveredEvent(event, handler, form, response.statusCode(), "", at))
                .exceptionally(e -> new DeliveredEvent(event, handler, form, 0, String.valueOf(e.getCause() != null ? e.getCause() : e), at))
                .thenApply(delivered -> {
                    LOG.infof("Delivered %s to %s: HTTP %d %s", event, handler, delivered.httpStatus(), delivered.failure());
                    return delivered;
                });
    }

    /** {@code application/x-www-form-urlencoded} as PHP's http_build_query writes it (brackets escaped). */
    public static String encode(Map<String, String> form) {
        return form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }
}
