package io.sluice.engine.connector;

/**
 * A format bound to one stream's schema and its validated options (made by a {@link FormatFactory}).
 * Thread-safe: readers and writers on several workers ask it for their own decoder or encoder.
 */
public interface Format {
    /** The format's name, e.g. {@code json}. */
    String name();

    /** A new decoder for one source reader. */
    Decoder newDecoder();

    /** A new encoder for one sink writer. */
    Encoder newEncoder();
}
