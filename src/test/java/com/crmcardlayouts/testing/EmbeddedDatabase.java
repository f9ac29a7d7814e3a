package com.crmcardlayouts.testing;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.persistence.EntityManager;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Stops and starts the app's PostgreSQL for real, as an operator's {@code pg_ctl restart -m fast}
 * would, with a pause in between of the test's choosing: same binary, same port, same data directory. Found through the
 * server itself ({@code data_directory}) and the command line it records there ({@code postmaster.opts}).
 */
public final class EmbeddedDatabase {

    private static final Pattern ARGUMENT = Pattern.compile("\"([^\"]*)\"|(\\S+)");

    private final Path dataDirectory;
    private final List<String> command;

    private EmbeddedDatabase(Path dataDirectory, List<String> command) {
        this.dataDirectory = dataDirectory;
        this.command = command;
    }

    /** The server the app is connected to; it must be running. */
    public static EmbeddedDatabase of(EntityManager em) {
        Path dataDirectory = Path.of(QuarkusTransaction.requiringNew().call(() ->
                (String) em.createNativeQuery("show data_directory").getSingleResult()));
        try {
            List<String> command = new ArrayList<>();
            Matcher matcher = ARGUMENT.matcher(Files.readString(dataDirectory.resolve("postmaster.opts")).trim());
            while (matcher.find()) {
                command.add(matcher.group(1) != null ? matcher.group(1) : matcher.group(2));
            }
            return new EmbeddedDatabase(dataDirectory, command);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read how PostgreSQL was started", e);
        }
    }

    /**
     * Stops the server, ending every session at once: SIGINT is PostgreSQL's fast shutdown, what
     * {@code pg_ctl stop -m fast} sends (pg_ctl itself refuses to run as root). Returns once it is down.
     */
    public void stop() {
        long pid;
        try {
            pid = Long.parseLong(Files.readAllLines(dataDirectory.resolve("postmaster.pid")).get(0).trim());
        } catch (IOException e) {
            throw new UncheckedIOException("PostgreSQL is not running", e);
        }
        ProcessHandle postmaster = ProcessHandle.of(pid).orElseThrow(() -> new IllegalStateException("PostgreSQL is not running"));
        run(List.of("kill", "-INT", String.valueOf(pid)));
        try {
            postmaster.onExit().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("PostgreSQL did not stop", e);
        }
    }

    /**
     * Starts the server again as it was first started; returns once it listens on its port. As root
     * in a user namespace of its own, as the embedded server does: PostgreSQL refuses to run as root.
     */
    public void start() {
        List<String> line = new ArrayList<>();
        if ("root".equals(System.getProperty("user.name"))) {
            line.addAll(List.of("unshare", "-U"));
        }
        line.addAll(command);
        try {
            new ProcessBuilder(line).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start PostgreSQL", e);
        }
        awaitPort(Integer.parseInt(command.get(command.indexOf("-p") + 1)));
    }

    private static void run(List<String> command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException("Failed: " + command);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void awaitPort(int port) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("localhost", port), 200);
                return;
            } catch (IOException notYet) {
                pause();
            }
        }
        throw new IllegalStateException("PostgreSQL did not start listening on port " + port);
    }

    private static void pause() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
