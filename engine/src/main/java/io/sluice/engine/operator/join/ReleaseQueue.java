package io.sluice.engine.operator.join;

import java.util.Arrays;

/**
 * A join's stored rows by (release, seq): the order the watermark releases them in. Most rows arrive
 * in release order (a bid released at its own time, behind a bounded disorder), so an item that comes
 * after the last one its side queued, by (release, seq), goes to that side's FIFO in O(1); the others
 * go to a binary min-heap that keeps each item's release and seq in arrays beside it (no pointer chase
 * per comparison). The FIFOs are sorted too, so the earliest of the three heads is the next item.
 * Removal is lazy: an item marked removed is skipped when it reaches a head, so a retraction costs
 * nothing here, and adding allocates nothing, unlike a tree set. Used by one thread (its operator's).
 */
final class ReleaseQueue {
    /** What the queue orders; a join's stored row extends it. */
    abstract static class Item {
        final int side;
        /** Arrival order: ties of release time go in it. */
        final long seq;
        long release;
        /** Gone from the join's state: skipped, then dropped, when it reaches a head. */
        boolean removed;

        Item(int side, long seq, long release) {
            this.side = side;
            this.seq = seq;
            this.release = release;
        }
    }

    /** One FIFO per side: each side's rows tend to come in release order, the two sides' not together. */
    private final Fifo[] fifos = {new Fifo(), new Fifo()};
    private Item[] heap = new Item[64];
    private long[] heapRelease = new long[64];
    private long[] heapSeq = new long[64];
    private int size;

    /** Items in (release, seq) order, each after the one before it. */
    private static final class Fifo {
        Item[] ring = new Item[64];
        int head;
        int size;
        /** The (release, seq) of the last item: only a later one may follow it. */
        long lastRelease;
        long lastSeq;

        boolean accepts(Item e) {
            return size == 0 || !before(e.release, e.seq, lastRelease, lastSeq);
        }

        void append(Item e) {
            if (size == ring.length) {
                Item[] grown = new Item[ring.length * 2];
                for (int i = 0; i < size; i++) {
                    grown[i] = ring[(head + i) & (ring.length - 1)];
                }
                ring = grown;
                head = 0;
            }
            ring[(head + size++) & (ring.length - 1)] = e;
            lastRelease = e.release;
            lastSeq = e.seq;
        }

        /** The first item not removed, or null; removed ones at the head are dropped. */
        Item first() {
            while (size > 0 && ring[head].removed) {
                take();
            }
            return size == 0 ? null : ring[head];
        }

        Item take() {
            Item e = ring[head];
            ring[head] = null;
            head = (head + 1) & (ring.length - 1);
            size--;
            return e;
        }

        void clear() {
            Arrays.fill(ring, null);
            head = 0;
            size = 0;
        }
    }

    void add(Item e) {
        Fifo fifo = fifos[e.side];
        if (fifo.accepts(e)) {
            fifo.append(e);
            return;
        }
        if (size == heap.length) {
            heap = Arrays.copyOf(heap, size * 2);
            heapRelease = Arrays.copyOf(heapRelease, size * 2);
            heapSeq = Arrays.copyOf(heapSeq, size * 2);
        }
        long release = e.release;
        long seq = e.seq;
        int i = size++;
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            if (!before(release, seq, heapRelease[parent], heapSeq[parent])) {
                break;
            }
            move(parent, i);
            i = parent;
        }
        set(i, e, release, seq);
    }

    private static boolean before(long release, long seq, long otherRelease, long otherSeq) {
        return release < otherRelease || (release == otherRelease && seq < otherSeq);
    }

    private void move(int from, int to) {
        heap[to] = heap[from];
        heapRelease[to] = heapRelease[from];
        heapSeq[to] = heapSeq[from];
    }

    private void set(int i, Item e, long release, long seq) {
        heap[i] = e;
        heapRelease[i] = release;
        heapSeq[i] = seq;
    }

    /** The earliest item not removed, or null; the removed ones at the heads are dropped. */
    Item peek() {
        while (size > 0 && heap[0].removed) {
            pollHeap();
        }
        Item best = size == 0 ? null : heap[0];
        for (Fifo f : fifos) {
            Item e = f.first();
            if (e != null && (best == null || before(e.release, e.seq, best.release, best.seq))) {
                best = e;
            }
        }
        return best;
    }

    /** Takes the entry {@link #peek} returned. */
    Item poll() {
        Item e = peek();
        for (Fifo f : fifos) {
            if (f.size > 0 && f.ring[f.head] == e) {
                return f.take();
            }
        }
        return pollHeap();
    }

    private Item pollHeap() {
        Item top = heap[0];
        int last = --size;
        Item lastItem = heap[last];
        long release = heapRelease[last];
        long seq = heapSeq[last];
        heap[last] = null;
        if (last > 0) {
            int i = 0;
            while (true) {
                int child = 2 * i + 1;
                if (child >= last) {
                    break;
                }
                if (child + 1 < last && before(heapRelease[child + 1], heapSeq[child + 1], heapRelease[child], heapSeq[child])) {
                    child++;
                }
                if (!before(heapRelease[child], heapSeq[child], release, seq)) {
                    break;
                }
                move(child, i);
                i = child;
            }
            set(i, lastItem, release, seq);
        }
        return top;
    }

    void clear() {
        Arrays.fill(heap, 0, size, null);
        size = 0;
        for (Fifo f : fifos) {
            f.clear();
        }
    }
}
