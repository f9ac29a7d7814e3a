package com.crmcardlayouts.bitrix24;

import java.util.ArrayList;
import java.util.List;

/**
 * Several independent operations asked as one user, sent in as few HTTP requests as Bitrix24 allows:
 * one {@code batch} per 50 commands ({@code halt=0}: an error in one command fails only that one).
 * Add the operations, {@link #run} once, then read each {@link Answer}.
 */
public final class Batch {

    /** One operation's outcome after {@link Batch#run}: its value or its typed error. */
    public static final class Answer<T> {
        final Operation<T> operation;
        private T value;
        private Bitrix24Exception error;
        private boolean done;

        private Answer(Operation<T> operation) {
            this.operation = operation;
        }

        /** @throws Bitrix24Exception the error Bitrix24 answered this operation with */
        public T get() {
            if (!done) {
                throw new IllegalStateException("The batch has not run yet");
            }
            if (error != null) {
                throw error;
            }
            return value;
        }

        void succeed(Reply reply, Operation<T> answered) {
            try {
                value = answered.read(reply);
                done = true;
            } catch (RuntimeException e) {
                fail(new Bitrix24Exception("UNEXPECTED_ANSWER", "Bitrix24's answer to " + answered + " could not be read"), answered);
            }
        }

        void fail(Bitrix24Exception e, Operation<T> answered) {
            done = true;
            try {
                value = answered.recover(e);
            } catch (Bitrix24Exception unrecovered) {
                error = unrecovered;
            }
        }
    }

    private final Bitrix24Client client;
    private final ActingUser user;
    private final List<Answer<?>> answers = new ArrayList<>();
    private boolean ran;

    Batch(Bitrix24Client client, ActingUser user) {
        this.client = client;
        this.user = user;
    }

    public <T> Answer<T> add(Operation<T> operation) {
        if (ran) {
            throw new IllegalStateException("The batch has run already");
        }
        Answer<T> answer = new Answer<>(operation);
        answers.add(answer);
        return answer;
    }

    /** Asks Bitrix24; afterwards every answer holds its value or error. Never throws a Bitrix24 error itself. */
    public void run(Deadline deadline) {
        if (ran) {
            throw new IllegalStateException("The batch has run already");
        }
        ran = true;
        client.run(user, answers, deadline);
    }
}
