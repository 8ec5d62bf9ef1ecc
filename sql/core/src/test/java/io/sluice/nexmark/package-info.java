/**
 * Nexmark as a correctness suite: a deterministic generator of the Nexmark data model (persons,
 * auctions, bids), the DDL and a loader that put those events into Sluice through the public
 * embedding API, the Nexmark queries q0 to q8 as Sluice SQL (resources under
 * {@code src/test/resources/nexmark}), and for each query an independent plain-Java oracle written
 * from the query's meaning. The test runs each query in Sluice and compares its result with the
 * oracle's as multisets (changelog results as their final materialized state). Nothing here calls
 * Sluice's operators: the oracle must be able to disagree with the engine.
 */
package io.sluice.nexmark;
