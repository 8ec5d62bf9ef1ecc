/**
 * What the generating sources (datagen, nexmark) share: a reader that makes numbered rows strided
 * over the stream's partitions, paced to a rate, and restartable from the next number.
 */
package io.sluice.connectors.sequence;
