package io.sluice.engine.connector;

/**
 * A record cannot become a row of its stream: it does not parse, or it does not fit the schema (a
 * missing NOT NULL field, text where a number belongs). Thrown by a {@link Decoder} for one record;
 * the source task sends that record to the stream's dead-letter stream and carries on with the next.
 * The message is what the dead-letter row's {@code error} column says. It has no stack trace: bad
 * records are data, not bugs, and may be many.
 */
public class BadRecordException extends RuntimeException {
    public BadRecordException(String message) {
        super(message, null, false, false);
    }
}
