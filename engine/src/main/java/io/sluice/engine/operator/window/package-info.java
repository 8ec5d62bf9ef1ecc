/** Event-time windows: assigning rows to TUMBLE, HOP and CUMULATE windows. */
package io.sluice.engine.operator.window;
