/**
 * The Nexmark generator as a source: persons, auctions and bids in the standard proportions and
 * distributions, deterministic for a seed (the same events as the Nexmark peer's generator), written
 * straight into rows. Receives a kind, a seed, a count or a rate; produces rows.
 */
package io.sluice.connectors.nexmark;
