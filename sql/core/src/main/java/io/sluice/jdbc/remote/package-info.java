/**
 * JDBC over the network, through Apache Calcite Avatica: the server ({@link io.sluice.jdbc.remote.SluiceServer},
 * what {@code sluice server} runs) serves one engine over HTTP(S) with Avatica's protobuf wire format and
 * Jetty's BASIC authentication, and answers frame fetches of push queries with the rows produced so far
 * ({@link io.sluice.jdbc.remote.SluiceMeta}); the client side ({@link io.sluice.jdbc.remote.RemoteClient})
 * is what {@link io.sluice.jdbc.SluiceDriver} uses for {@code jdbc:sluice:remote:http(s)://host:port}: Avatica's
 * remote driver with an iterator that hands each row over as soon as it arrives and stops the query on the
 * server when the client cancels or closes it. Only this package imports Avatica and Jetty.
 */
package io.sluice.jdbc.remote;
