/**
 * The public API for applications that embed Sluice: {@link io.sluice.Sluice} opens a data directory,
 * executes SQL, and returns {@link io.sluice.Result}s whose {@link io.sluice.Rows} follow push queries.
 */
package io.sluice;
