package io.sluice.engine.connector;

/**
 * What a sink promises about rows of its stream reaching the external system after a crash and a
 * restart. Shown by {@code DESCRIBE STREAM}.
 */
public enum DeliveryGuarantee {
    /**
     * Every row of the stream is in the external system exactly once: the sink is idempotent (an
     * upsert by key, a file truncated back to its checkpointed length) or transactional with its
     * commit tied to Sluice's checkpoint.
     */
    EXACTLY_ONCE("exactly-once"),
    /** Every row arrives, but rows written after the last checkpoint may arrive again after a crash. */
    AT_LEAST_ONCE("at-least-once");

    private final String text;

    DeliveryGuarantee(String text) {
        this.text = text;
    }

    /** The form shown to users: {@code exactly-once} or {@code at-least-once}. */
    public String text() {
        return text;
    }
}
