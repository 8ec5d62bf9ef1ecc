package io.sluice.storage.chronicle;

import io.sluice.storage.PartitionLog;
import io.sluice.storage.PartitionedLog;

/** A named log: its partitions, each its own queue under {@code <dataDir>/streams/<key>/<p>/}. */
final class ChroniclePartitionedLog implements PartitionedLog {
    private final String name;
    private final ChroniclePartitionLog[] partitions;

    ChroniclePartitionedLog(String name, ChroniclePartitionLog[] partitions) {
        this.name = name;
        this.partitions = partitions;
    }

    /** The name as given to {@code create}; lookups ignore case. */
    @Override
    public String name() {
        return name;
    }

    @Override
    public int partitionCount() {
        return partitions.length;
    }

    @Override
    public PartitionLog partition(int p) {
        if (p < 0 || p >= partitions.length) {
            throw new IndexOutOfBoundsException("log '" + name + "' has " + partitions.length + " partitions, not " + p);
        }
        return partitions[p];
    }

    void close() {
        for (ChroniclePartitionLog p : partitions) {
            p.close();
        }
    }

    @Override
    public String toString() {
        return "log '" + name + "' (" + partitions.length + " partitions)";
    }
}
