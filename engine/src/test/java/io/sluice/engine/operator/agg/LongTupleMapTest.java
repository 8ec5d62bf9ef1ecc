package io.sluice.engine.operator.agg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The inline-key map finds exactly the group added under each tuple, across growth. */
class LongTupleMapTest {

    private static Group group(long tag) {
        Group g = new Group(null, 1, 0);
        g.longs[0] = tag;
        return g;
    }

    @Test
    void findsEveryGroupByItsWholeTupleAcrossGrowth() {
        LongTupleMap map = new LongTupleMap(3);
        Map<List<Long>, Group> expected = new HashMap<>();
        Random random = new Random(7);
        long[] key = new long[3];
        for (int i = 0; i < 20_000; i++) {
            key[0] = random.nextInt(500);      // few distinct values: many near-collisions
            key[1] = random.nextInt(40) * 2000L;
            key[2] = random.nextInt(2);         // e.g. a NULL mask
            List<Long> k = List.of(key[0], key[1], key[2]);
            Group found = map.get(key);
            assertSame(expected.get(k), found, "lookup of " + k);
            if (found == null) {
                Group g = group(i);
                map.add(key, g);
                expected.put(k, g);
            }
        }
        assertEquals(expected.size(), map.size());
    }

    @Test
    void aTupleDifferingOnlyInItsNullMaskIsAnotherGroup() {
        LongTupleMap map = new LongTupleMap(2);
        Group zero = group(1);
        map.add(new long[] {0, 0}, zero);
        assertNull(map.get(new long[] {0, 1}));
        assertSame(zero, map.get(new long[] {0, 0}));
    }
}
