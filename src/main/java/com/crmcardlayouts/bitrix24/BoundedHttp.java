package com.crmcardlayouts.bitrix24;

import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The app's HTTP exchanges with Bitrix24 (portals and the OAuth server), on Vert.x's client: each one
 * ends within the time it is given, reads at most {@link #MAX_ANSWER_BYTES} of an answer (a larger
 * one is cut off as it arrives, never buffered whole) and, when given an address, connects to that
 * address only, while the Host header, TLS SNI and certificate check still use the URL's host
 * ({@link RequestOptions#setServer}). The REST client cannot be told which address to connect to,
 * which is why portal calls do not use it.
 */
@ApplicationScoped
class BoundedHttp {

    /** Bitrix24's largest answers (50 rows of a list, a card configuration) are tens of kilobytes. */
    static final int MAX_ANSWER_BYTES = 2 * 1024 * 1024;
    /** Connections kept per portal host; the per-portal cap ({@code bitrix24.portal-concurrency}) stays below it. */
    private static final int CONNECTIONS_PER_HOST = 8;

    /** The exchange did not complete: no connection, a reset, or no full answer in time. */
    static final class Unreachable extends Exception {
        Unreachable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private static final class TooLarge extends RuntimeException {
        TooLarge() {
            super("answer larger than " + MAX_ANSWER_BYTES + " bytes", null, false, false);
        }
    }

    private final HttpClient http;

    BoundedHttp(Vertx vertx) {
        this.http = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true).setVerifyHost(true),
                new PoolOptions().setHttp1MaxSize(CONNECTIONS_PER_HOST));
    }

    /**
     * Sends one request and reads the whole answer.
     *
     * @param connectTo the checked address to connect to; null lets Vert.x resolve the URL's host
     *                  (only for the operator-configured OAuth server)
     * @throws Unreachable                    no complete answer within {@code timeout}
     * @throws Bitrix24Exception.Unavailable the answer is larger than {@link #MAX_ANSWER_BYTES}
     */
    RemoteAnswer exchange(HttpMethod method, URI url, InetSocketAddress connectTo, MultiMap headers, Buffer body,
                          Duration timeout) throws Unreachable {
        boolean https = "https".equalsIgnoreCase(url.getScheme());
        int port = url.getPort() > 0 ? url.getPort() : https ? 443 : 80;
        long millis = Math.max(1, timeout.toMillis());
        RequestOptions options = new RequestOptions().setMethod(method).setSsl(https).setHost(url.getHost()).setPort(port)
                .setURI(url.getRawPath() + (url.getRawQuery() == null ? "" : "?" + url.getRawQuery()))
                .setHeaders(headers).setConnectTimeout(millis).setIdleTimeout(millis);
        if (connectTo != null) {
            options.setServer(SocketAddress.inetSocketAddress(connectTo));
        }
        CompletableFuture<RemoteAnswer> answer = new CompletableFuture<>();
        AtomicReference<HttpClientRequest> sent = new AtomicReference<>();
        http.request(options).onFailure(answer::completeExceptionally).onSuccess(request -> {
            sent.set(request);
            request.response().onFailure(answer::completeExceptionally).onSuccess(response -> read(request, response, answer));
            request.end(body).onFailure(answer::completeExceptionally);
        });
        try {
            return answer.get(millis, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            abort(sent.get());
            throw new Unreachable("no answer within " + millis + " ms", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof TooLarge) {
                throw new Bitrix24Exception.Unavailable("ANSWER_TOO_LARGE",
                        "Bitrix24 answered with more than " + MAX_ANSWER_BYTES / (1024 * 1024) + " MiB");
            }
            throw new Unreachable(e.getCause().getClass().getSimpleName(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            abort(sent.get());
            throw new Bitrix24Exception.Unavailable("INTERRUPTED", "The call to Bitrix24 was interrupted");
        }
    }

    private static void read(HttpClientRequest request, HttpClientResponse response, CompletableFuture<RemoteAnswer> answer) {
        response.exceptionHandler(answer::completeExceptionally);
        String declared = response.getHeader("Content-Length");
        if (declared != null && declared.length() < 19 && declared.chars().allMatch(Character::isDigit)
                && Long.parseLong(declared) > MAX_ANSWER_BYTES) {
            tooLarge(request, answer);
            return;
        }
        Buffer received = Buffer.buffer();
        response.handler(chunk -> {
            if (answer.isDone()) {
                return;
            }
            if (received.length() + chunk.length() > MAX_ANSWER_BYTES) {
                tooLarge(request, answer);
            } else {
                received.appendBuffer(chunk);
            }
        });
        response.endHandler(end -> answer.complete(RemoteAnswer.parse(response.statusCode(), received.toString(StandardCharsets.UTF_8))));
    }

    /** Closes the connection rather than reading the rest: a pooled connection would have to drain it first. */
    private static void tooLarge(HttpClientRequest request, CompletableFuture<RemoteAnswer> answer) {
        answer.completeExceptionally(new TooLarge());
        request.reset();
    }

    private static void abort(HttpClientRequest request) {
        if (request != null) {
            request.reset();
        }
    }

    @PreDestroy
    void close() {
        http.close();
    }
}
