package com.crmcardlayouts.bitrix24;

import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * One Bitrix24 method call with a typed answer, e.g. the current user's {@link Profile}. Built only
 * inside this package (the method names and parameters are Bitrix24's business); features run it with
 * {@link Bitrix24Client#call} or, together with others, in a {@link Batch}.
 *
 * @param <T> what the answer means to the app
 */
public final class Operation<T> {

    final String method;
    final Map<String, Object> params;
    private final Function<Reply, T> reader;
    private final Function<Bitrix24Exception, Optional<T>> recovery;
    /** The older per-entity method for portals without {@code crm.item.details.configuration.*}, if any. */
    final Operation<T> perEntityFallback;

    private Operation(String method, Map<String, Object> params, Function<Reply, T> reader,
                      Function<Bitrix24Exception, Optional<T>> recovery, Operation<T> perEntityFallback) {
        this.method = method;
        this.params = Map.copyOf(params);
        this.reader = reader;
        this.recovery = recovery;
        this.perEntityFallback = perEntityFallback;
    }

    static <T> Operation<T> of(String method, Map<String, Object> params, Function<Reply, T> reader) {
        return new Operation<>(method, params, reader, e -> Optional.empty(), null);
    }

    /** The same call, with some of Bitrix24's errors meaning an answer (e.g. "Handler already binded": bound). */
    Operation<T> recovering(Function<Bitrix24Exception, Optional<T>> recovery) {
        return new Operation<>(method, params, reader, recovery,
                perEntityFallback == null ? null : perEntityFallback.recovering(recovery));
    }

    /** The same call, with the older per-entity method to use where the universal one is missing. */
    Operation<T> orOnOlderPortals(Operation<T> fallback) {
        return new Operation<>(method, params, reader, recovery, fallback);
    }

    /** Whether this is one of the universal card-configuration methods that older portals lack. */
    boolean usesItemLayoutMethods() {
        return perEntityFallback != null;
    }

    T read(Reply reply) {
        return reader.apply(reply);
    }

    /** The answer an error stands for, or the error itself. */
    T recover(Bitrix24Exception error) {
        return recovery.apply(error).orElseThrow(() -> error);
    }

    @Override
    public String toString() {
        return method;
    }
}
