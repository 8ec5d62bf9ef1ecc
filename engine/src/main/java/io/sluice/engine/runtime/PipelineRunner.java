package io.sluice.engine.runtime;

import io.sluice.engine.catalog.PipelineDef;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** The running tasks of one pipeline: one per input partition. */
final class PipelineRunner {
    private final PipelineDef def;
    private final List<StageTask> tasks;

    private final Throwable startFailure;

    PipelineRunner(PipelineDef def, List<StageTask> tasks) {
        this(def, tasks, null);
    }

    /** A pipeline whose tasks could not be built: it runs nothing and reports why. */
    PipelineRunner(PipelineDef def, List<StageTask> tasks, Throwable startFailure) {
        this.def = def;
        this.tasks = tasks;
        this.startFailure = startFailure;
    }

    void start(WorkerPool pool) {
        tasks.forEach(pool::submit);
    }

    /** Cancels every task and waits until each has checkpointed and released its reader. */
    void stop() {
        tasks.forEach(Task::cancel);
        try {
            CompletableFuture.allOf(tasks.stream().map(Task::done).toArray(CompletableFuture[]::new))
                    .get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            // The tasks are still stopping: returning now would let the caller drop the pipeline
            // while a task can still write its final checkpoint. Wait them out, then keep the flag.
            try {
                CompletableFuture.allOf(tasks.stream().map(Task::done).toArray(CompletableFuture[]::new))
                        .get(30, TimeUnit.SECONDS);
            } catch (Exception again) {
                throw new IllegalStateException("pipeline " + def.name() + " did not stop", again);
            } finally {
                Thread.currentThread().interrupt();
            }
        } catch (TimeoutException | java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("pipeline " + def.name() + " did not stop within 30 s", e);
        }
    }

    PipelineStatus status() {
        if (startFailure != null) {
            return new PipelineStatus("FAILED", 0, 0, "could not start: " + (startFailure.getMessage() != null
                    ? startFailure.getMessage() : startFailure.toString()));
        }
        long in = 0;
        long out = 0;
        long late = 0;
        long state0 = 0;
        long checkpointMicros = 0;
        long snapshotBytes = 0;
        String state = "RUNNING";
        String error = null;
        boolean allFinished = !tasks.isEmpty();
        for (StageTask t : tasks) {
            if (t.readsSource()) {
                in += t.rowsIn();
            }
            if (t.stage() == 0) {
                out += t.rowsOut();
            }
            late += t.lateRows();
            state0 += t.stateBytes();
            checkpointMicros = Math.max(checkpointMicros, t.lastCheckpointMicros());
            snapshotBytes += t.lastSnapshotBytes();
            allFinished &= t.state() == Task.State.FINISHED;
            if (t.state() == Task.State.FAILED && error == null) {
                state = "FAILED";
                Throwable f = t.failure();
                error = "partition " + t.name().substring(t.name().lastIndexOf('/') + 1) + ": "
                        + (f.getMessage() != null ? f.getMessage() : f.toString());
            } else if (t.state() == Task.State.CANCELLED && error == null) {
                state = "STOPPED";
            }
        }
        if (allFinished) {
            state = "FINISHED";
        }
        return new PipelineStatus(state, in, out, error, late, state0, checkpointMicros, snapshotBytes);
    }
}
