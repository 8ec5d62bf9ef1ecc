package io.sluice.storage;

/** A named log with a fixed number of partitions, each an independent ordered log. */
public interface PartitionedLog {
    String name();

    int partitionCount();

    /** Partition {@code p}, {@code 0 <= p < partitionCount()}. */
    PartitionLog partition(int p);
}
