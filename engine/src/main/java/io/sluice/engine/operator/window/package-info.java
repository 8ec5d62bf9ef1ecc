/** Event-time windows: assigning rows to TUMBLE, HOP and CUMULATE windows, and SESSION rows to their own window for merging. */
package io.sluice.engine.operator.window;
