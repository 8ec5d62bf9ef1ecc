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
        LongTupleMap<Group> map = new LongTupleMap<>(3);
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
    void removingKeepsEveryOtherKeyFindableAcrossGrowthAndWrapAround() {
        Random random = new Random(11);
        for (int round = 0; round < 20; round++) {
            LongTupleMap<Group> map = new LongTupleMap<>(2);
            Map<List<Long>, Group> expected = new HashMap<>();
            long[] key = new long[2];
            for (int i = 0; i < 5_000; i++) {
                key[0] = random.nextInt(60);  // few keys, many adds and removes: long probe runs that wrap
                key[1] = random.nextInt(2);
                List<Long> k = List.of(key[0], key[1]);
                if (random.nextInt(3) == 0) {
                    assertSame(expected.remove(k), map.remove(key), "remove of " + k);
                } else if (map.get(key) == null) {
                    Group g = group(i);
                    map.add(key, g);
                    expected.put(k, g);
                }
                assertEquals(expected.size(), map.size());
            }
            for (long a = 0; a < 60; a++) {
                for (long b = 0; b < 2; b++) {
                    assertSame(expected.get(List.of(a, b)), map.get(new long[] {a, b}), "lookup of " + a + "," + b);
                }
            }
        }
    }

    @Test
    void aTupleDifferingOnlyInItsNullMaskIsAnotherGroup() {
        LongTupleMap<Group> map = new LongTupleMap<>(2);
        Group zero = group(1);
        map.add(new long[] {0, 0}, zero);
        assertNull(map.get(new long[] {0, 1}));
        assertSame(zero, map.get(new long[] {0, 0}));
    }
}
