/**
 * Snapshots of operator state: the flat binary form in which a task's operators write what they hold
 * at a checkpoint, and read it back after a restart.
 */
package io.sluice.engine.operator.state;
