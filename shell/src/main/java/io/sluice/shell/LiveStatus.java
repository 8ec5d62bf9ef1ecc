package io.sluice.shell;

import java.io.PrintWriter;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.jline.terminal.Terminal;
import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStyle;
import org.jline.utils.InfoCmp.Capability;

/**
 * The status line under a running query's rows: rows so far, rows per second over the last second,
 * and time running, e.g. {@code 1,024 rows | 98 rows/s | 0:12 running | Ctrl-C stops}. It is the
 * terminal's last line: before a row is printed the line is erased, and after it the status is drawn
 * again below it, so rows scroll up above it. A timer redraws it {@value #TICKS_PER_SECOND} times a
 * second, so time and rate move while no rows arrive; a statement that ends within
 * {@value #FIRST_DRAW_MILLIS} ms never shows it.
 *
 * <p>Threads: {@link #started}, {@link #beforeRow}, {@link #afterRow} and {@link #finished} are called
 * by the thread printing the rows; the timer draws on its own daemon thread. One lock, taken from
 * {@code beforeRow} to {@code afterRow} and by each redraw, keeps a row and the status from
 * interleaving on the terminal.
 */
final class LiveStatus implements StatementRunner.Progress, AutoCloseable {
    static final int TICKS_PER_SECOND = 4;
    static final long FIRST_DRAW_MILLIS = 300;
    private static final long TICK_MILLIS = 1000 / TICKS_PER_SECOND;

    private final Terminal terminal;
    private final PrintWriter out;
    private final ReentrantLock lock = new ReentrantLock();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "sluice-status");
        t.setDaemon(true);
        return t;
    });
    // Guarded by lock:
    private ScheduledFuture<?> tick;
    private boolean active;
    private String text;
    private int drawnLength = -1;
    private long rows;
    private long startNanos;
    /** Rows and times of the last second's ticks, oldest first, for the rate. */
    private final long[] sampleRows = new long[TICKS_PER_SECOND + 1];
    private final long[] sampleNanos = new long[TICKS_PER_SECOND + 1];
    private int samples;

    LiveStatus(Terminal terminal) {
        this.terminal = terminal;
        this.out = terminal.writer();
    }

    @Override
    public void started() {
        lock.lock();
        try {
            active = true;
            text = null;
            drawnLength = -1;
            rows = 0;
            startNanos = System.nanoTime();
            samples = 0;
            sample(startNanos);
            tick = timer.scheduleAtFixedRate(this::refresh, FIRST_DRAW_MILLIS, TICK_MILLIS, TimeUnit.MILLISECONDS);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void beforeRow() {
        lock.lock();
        erase();
    }

    @Override
    public void afterRow(long rowsSoFar) {
        try {
            rows = rowsSoFar;
            if (text != null) {
                draw();
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void finished() {
        lock.lock();
        try {
            active = false;
            if (tick != null) {
                tick.cancel(false);
                tick = null;
            }
            erase();
            text = null;
        } finally {
            lock.unlock();
        }
    }

    /** The timer's tick: new figures, drawn. */
    private void refresh() {
        lock.lock();
        try {
            if (!active) {
                return;
            }
            long now = System.nanoTime();
            sample(now);
            text = format(rows, rate(), now - startNanos);
            erase();
            draw();
        } finally {
            lock.unlock();
        }
    }

    private void sample(long now) {
        if (samples == sampleRows.length) {
            System.arraycopy(sampleRows, 1, sampleRows, 0, samples - 1);
            System.arraycopy(sampleNanos, 1, sampleNanos, 0, samples - 1);
            samples--;
        }
        sampleRows[samples] = rows;
        sampleNanos[samples] = now;
        samples++;
    }

    /** Rows per second between the oldest sample (about a second ago) and now. */
    private long rate() {
        long dt = sampleNanos[samples - 1] - sampleNanos[0];
        return dt <= 0 ? 0 : (sampleRows[samples - 1] - sampleRows[0]) * 1_000_000_000L / dt;
    }

    /** The status text, e.g. "1,024 rows | 98 rows/s | 0:12 running | Ctrl-C stops". */
    static String format(long rows, long rowsPerSecond, long elapsedNanos) {
        long s = TimeUnit.NANOSECONDS.toSeconds(elapsedNanos);
        String time = s >= 3600 ? String.format("%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format("%d:%02d", s / 60, s % 60);
        return String.format("%,d %s | %,d rows/s | %s running | Ctrl-C stops", rows, rows == 1 ? "row" : "rows",
                rowsPerSecond, time);
    }

    private void draw() {
        int width = terminal.getWidth() > 0 ? terminal.getWidth() : 80;
        String shown = text.length() >= width ? text.substring(0, width - 1) : text;
        out.print(new AttributedString(shown, AttributedStyle.INVERSE).toAnsi(terminal));
        out.flush();
        drawnLength = shown.length();
    }

    /** Clears the status line, leaving the cursor at its start. */
    private void erase() {
        if (drawnLength < 0) {
            return;
        }
        out.print('\r');
        out.flush();
        if (!terminal.puts(Capability.clr_eol)) {
            out.print(" ".repeat(drawnLength));
            out.print('\r');
        }
        terminal.flush();
        out.flush();
        drawnLength = -1;
    }

    /** Stops the timer thread. */
    @Override
    public void close() {
        timer.shutdownNow();
    }
}
