/**
 * The durable log. Receives records as bytes from the engine and keeps them, in order, in named
 * partitioned logs and one metadata log; hands them back to readers from any offset, never past what
 * was acknowledged. Only this module touches Chronicle Queue (and, later, Ratis); everything above
 * sees {@link io.sluice.storage.LogStore} and its interfaces. Open a store with
 * {@link io.sluice.storage.LogStores#open}.
 */
package io.sluice.storage;
