package io.sluice.bench.jfr;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedMethod;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingFile;

/**
 * {@code bench/jfr-top.sh}: the hot methods of a Java Flight Recorder recording, from its
 * {@code jdk.ExecutionSample} events (a thread's stack, sampled while it runs Java code). A method's
 * <i>self</i> share is the samples with it on top of the stack; its <i>inclusive</i> share is the samples
 * with it anywhere on the stack (counted once per sample, so recursion does not count twice). Shares
 * are of the samples that pass the thread filter. Also prints the samples per thread, which shows
 * where the engine's worker spends its time and how much the other threads take.
 *
 * <p>Usage: {@code HotMethods file.jfr [--top 30] [--thread substring-of-thread-name] [--depth 0]}.
 * Frames are truncated by JFR at 64 deep by default, so inclusive shares of deep callers are low bounds.
 */
public final class HotMethods {
    private HotMethods() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length == 0) {
            System.err.println("usage: HotMethods file.jfr [--top 30] [--thread name-substring]");
            System.exit(2);
        }
        Path file = Path.of(args[0]);
        int top = 30;
        String thread = null;
        for (int i = 1; i < args.length; i++) {
            switch (args[i]) {
                case "--top" -> top = Integer.parseInt(args[++i]);
                case "--thread" -> thread = args[++i];
                default -> {
                    System.err.println("unknown argument " + args[i]);
                    System.exit(2);
                }
            }
        }
        Map<String, long[]> self = new HashMap<>();
        Map<String, long[]> inclusive = new HashMap<>();
        Map<String, long[]> threads = new HashMap<>();
        long samples = 0;
        long all = 0;
        Set<String> seen = new HashSet<>();
        try (RecordingFile recording = new RecordingFile(file)) {
            while (recording.hasMoreEvents()) {
                RecordedEvent e = recording.readEvent();
                if (!e.getEventType().getName().equals("jdk.ExecutionSample")) {
                    continue;
                }
                all++;
                RecordedThread t = e.getThread("sampledThread");
                String name = t == null ? "?" : t.getJavaName() == null ? t.getOSName() : t.getJavaName();
                threads.computeIfAbsent(name, k -> new long[1])[0]++;
                if (thread != null && !name.contains(thread)) {
                    continue;
                }
                RecordedStackTrace stack = e.getStackTrace();
                if (stack == null || stack.getFrames().isEmpty()) {
                    continue;
                }
                samples++;
                List<RecordedFrame> frames = stack.getFrames();
                self.computeIfAbsent(method(frames.get(0)), k -> new long[1])[0]++;
                seen.clear();
                for (RecordedFrame f : frames) {
                    String m = method(f);
                    if (seen.add(m)) {
                        inclusive.computeIfAbsent(m, k -> new long[1])[0]++;
                    }
                }
            }
        }
        System.out.printf(Locale.ROOT, "%s: %d execution samples, %d of them on threads %s%n", file, all, samples,
                thread == null ? "(all)" : "matching '" + thread + "'");
        System.out.println("samples per thread:");
        print(threads, all, 10);
        System.out.println("self (on top of the stack):");
        print(self, samples, top);
        System.out.println("inclusive (anywhere on the stack):");
        print(inclusive, samples, top);
    }

    private static String method(RecordedFrame f) {
        RecordedMethod m = f.getMethod();
        if (m == null) {
            return "?";
        }
        String type = m.getType() == null ? "?" : m.getType().getName();
        return type + "." + m.getName();
    }

    private static void print(Map<String, long[]> counts, long total, int top) {
        List<Map.Entry<String, long[]>> list = new ArrayList<>(counts.entrySet());
        list.sort((a, b) -> Long.compare(b.getValue()[0], a.getValue()[0]));
        for (int i = 0; i < Math.min(top, list.size()); i++) {
            long n = list.get(i).getValue()[0];
            System.out.printf(Locale.ROOT, "  %6.2f%% %8d  %s%n", 100.0 * n / Math.max(1, total), n, list.get(i).getKey());
        }
    }
}
