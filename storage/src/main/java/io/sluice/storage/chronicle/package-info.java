/**
 * The local durable log on Chronicle Queue: the only package in Sluice that imports Chronicle. It
 * receives records as bytes through {@link io.sluice.storage.LogStore} and its interfaces and keeps
 * them in one Chronicle queue per stream partition ({@code <dataDir>/streams/<name>/<partition>/}),
 * with a small descriptor file per log that records its partition count, and one more queue for the
 * metadata log ({@code <dataDir>/meta/}). It hands records back to readers as Agrona buffers mapped
 * straight over the queue's file, never past the last acknowledged append. A Chronicle document holds
 * one or more records ({@link io.sluice.storage.chronicle.RecordDocument}); an offset is the
 * document's Chronicle index and the record's slot in it. A record holds at least one byte (empty
 * records are refused). It checks, before any queue opens, that the JVM has the options Chronicle
 * needs on Java 17, and it keeps Chronicle off the network and off the console. A background thread
 * per store ({@code QueuePretoucher}) keeps the page cache populated ahead of every active writer,
 * so that appends and reads never stall on the kernel bringing fresh pages of a queue file in.
 */
package io.sluice.storage.chronicle;
