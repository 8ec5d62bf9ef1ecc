/**
 * Cooperative tasks on a fixed pool of Agrona agent threads: pipeline tasks that checkpoint, push
 * query tasks that feed bounded queues, and the delivery task of callback subscriptions. Receives plans,
 * produces rows in streams or for consumers. Connector source tasks may run on a second small pool of
 * source threads beside the workers (see {@link io.sluice.engine.runtime.TaskRuntime}).
 */
package io.sluice.engine.runtime;
