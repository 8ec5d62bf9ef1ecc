package io.sluice.connectors.kafka;

import java.nio.ByteBuffer;
import java.util.Map;
import java.util.TreeMap;

/**
 * A kafka source reader's position, as stored in Sluice's checkpoint:
 *
 * <pre>
 *  byte    version (1)
 *  int     current Kafka partition: the one the reader reads (or is about to read) first
 *  int     count
 *  count x (int Kafka partition, long next offset to hand over)
 * </pre>
 *
 * Big-endian. A partition missing from the map (added to the topic later) is read from its start.
 *
 * @param current the Kafka partition read first after a restart, -1 for none
 * @param next    next offset per Kafka partition
 */
record KafkaSourcePosition(int current, Map<Integer, Long> next) {
    private static final byte VERSION = 1;

    /** Decodes a stored position; null (no checkpoint yet) gives null. */
    static KafkaSourcePosition decode(byte[] bytes) {
        if (bytes == null) {
            return null;
        }
        ByteBuffer b = ByteBuffer.wrap(bytes);
        byte v = b.get();
        if (v != VERSION) {
            throw new IllegalStateException("unknown kafka source position version " + v);
        }
        int current = b.getInt();
        int n = b.getInt();
        Map<Integer, Long> next = new TreeMap<>();
        for (int i = 0; i < n; i++) {
            next.put(b.getInt(), b.getLong());
        }
        return new KafkaSourcePosition(current, next);
    }

    static byte[] encode(int current, int[] partitions, long[] next) {
        ByteBuffer b = ByteBuffer.allocate(1 + 4 + 4 + partitions.length * 12);
        b.put(VERSION).putInt(current).putInt(partitions.length);
        for (int i = 0; i < partitions.length; i++) {
            b.putInt(partitions[i]).putLong(next[i]);
        }
        return b.array();
    }
}
