package com.crmcardlayouts.simulator;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Every HTTP request that reached one simulated portal, or the OAuth server about it, in order: what
 * tests count ("one OAuth and one portal request to open a tab", "no QUERY_LIMIT_EXCEEDED").
 */
public final class RequestLog {

    /** Where a request went. */
    public enum Kind {
        /** The OAuth server: {@code app.info}, the token endpoint. */
        OAUTH,
        /** The portal's REST API; a {@code batch} is one request. */
        PORTAL
    }

    /**
     * One request.
     *
     * @param method   lower case, e.g. {@code batch}, {@code profile}, {@code app.info}, {@code oauth/token}
     * @param commands the methods of a batch's commands, in order; empty otherwise
     * @param error    the answer's {@code error}, empty when it succeeded
     */
    public record Entry(Kind kind, String method, List<String> commands, String error, Instant at) {
        public Entry {
            commands = List.copyOf(commands);
        }
    }

    /** A point in the log, to count what came after it. */
    public record Mark(int position) {
    }

    private final List<Entry> entries = new CopyOnWriteArrayList<>();

    public void record(Kind kind, String method, List<String> commands, String error) {
        entries.add(new Entry(kind, method.toLowerCase(Locale.ROOT), commands, error == null ? "" : error, Instant.now()));
    }

    public Mark mark() {
        return new Mark(entries.size());
    }

    /** The requests since {@code mark}. */
    public List<Entry> since(Mark mark) {
        List<Entry> all = List.copyOf(entries);
        return all.subList(Math.min(mark.position(), all.size()), all.size());
    }

    public List<Entry> all() {
        return List.copyOf(entries);
    }

    /** Requests of this kind since {@code mark}. */
    public long count(Kind kind, Mark mark) {
        return since(mark).stream().filter(e -> e.kind() == kind).count();
    }

    /** Requests the portal answered with this error, e.g. {@code QUERY_LIMIT_EXCEEDED}. */
    public long refusals(String error) {
        return entries.stream().filter(e -> e.error().equals(error)).count();
    }

    /** How often {@code method} was asked, alone or as a batch command. */
    public int calls(String method) {
        String wanted = method.toLowerCase(Locale.ROOT);
        int count = 0;
        for (Entry entry : entries) {
            if (entry.method().equals(wanted)) {
                count++;
            }
            count += (int) entry.commands().stream().filter(wanted::equals).count();
        }
        return count;
    }
}
