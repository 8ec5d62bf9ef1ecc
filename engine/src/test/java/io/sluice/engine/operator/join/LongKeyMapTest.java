package io.sluice.engine.operator.join;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The join's long-keyed bucket map against a {@link HashMap}: adds, look-ups, removals, growth and shrinking. */
class LongKeyMapTest {
    @Test
    void randomAddsAndRemovalsAnswerAsAHashMap() {
        for (long seed = 1; seed <= 5; seed++) {
            Random random = new Random(seed);
            LongKeyMap<String> map = new LongKeyMap<>();
            Map<Long, String> model = new HashMap<>();
            List<Long> present = new ArrayList<>();
            // keys in a narrow range (collisions, runs to shift back) and a few extreme ones
            long[] extremes = {0, -1, Long.MIN_VALUE, Long.MAX_VALUE, 1L << 32, -(1L << 40)};
            for (int i = 0; i < 200_000; i++) {
                // phases that grow the map and phases that empty it, so it resizes both ways
                boolean growing = (i / 20_000) % 2 == 0;
                int op = random.nextInt(10);
                long key = random.nextInt(50) == 0 ? extremes[random.nextInt(extremes.length)]
                        : (random.nextBoolean() ? random.nextInt(30_000) : random.nextInt(30_000) * 1024L);
                if (op < (growing ? 6 : 2)) {
                    if (map.get(key) == null) {
                        String v = "v" + i;
                        map.add(key, v);
                        model.put(key, v);
                        present.add(key);
                    }
                } else if (op < 9 && !present.isEmpty()) {
                    long gone = present.remove(random.nextInt(present.size()));
                    assertTrue(map.remove(gone));
                    model.remove(gone);
                    assertNull(map.get(gone));
                } else {
                    assertEquals(model.containsKey(key), map.remove(key));
                    if (model.remove(key) != null) {
                        present.remove(key);
                    }
                }
                assertEquals(model.size(), map.size());
                if (i % 1000 == 0) {
                    for (Map.Entry<Long, String> e : model.entrySet()) {
                        assertSame(e.getValue(), map.get(e.getKey()));
                    }
                }
            }
            for (long k : present) {
                assertSame(model.get(k), map.get(k));
            }
        }
    }

    @Test
    void removingAnAbsentKeyChangesNothingAndNullValuesAreRefused() {
        LongKeyMap<String> map = new LongKeyMap<>();
        map.add(7, "seven");
        assertFalse(map.remove(8));
        assertEquals(1, map.size());
        assertEquals("seven", map.get(7));
        assertThrows(NullPointerException.class, () -> map.add(9, null));
        map.clear();
        assertEquals(0, map.size());
        assertNull(map.get(7));
    }
}
