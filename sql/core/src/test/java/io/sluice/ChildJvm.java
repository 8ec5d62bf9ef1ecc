package io.sluice;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.LongFunction;

/**
 * The child JVMs of the crash tests: started with the test's class path and the JVM options Sluice
 * needs (Surefire passes them as {@code sluice.jvm.options}), and killed with SIGKILL.
 */
public final class ChildJvm {
    private ChildJvm() {
    }

    /** Starts {@code main} with {@code args} in a new JVM; its stderr goes to the test's. */
    public static Process start(Class<?> main, String... args) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(System.getProperty("java.home") + File.separator + "bin" + File.separator + "java");
        for (String opt : System.getProperty("sluice.jvm.options", "").split(" ")) {
            if (!opt.isBlank()) {
                cmd.add(opt);
            }
        }
        cmd.add("-Xmx256m");
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(main.getName());
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    }

    /**
     * Kill rounds of a child that prints {@code ACK <last id>} after each acknowledged insert: each
     * round starts a child at the id after the last acknowledged one, lets it acknowledge between 1
     * and {@code maxAcks} inserts, and kills it with SIGKILL (the ACKs printed before it died count). The number of rounds is
     * {@code sluice.kill.rounds} (4 by default; the kill-long profile sets more).
     *
     * @param child starts the child given the first id it inserts
     * @return the last id acknowledged before the last kill
     */
    public static long killRounds(LongFunction<Process> child, Random random, int maxAcks) throws Exception {
        int rounds = Integer.getInteger("sluice.kill.rounds", 4);
        long lastAcked = 0;
        for (int round = 0; round < rounds; round++) {
            Process p = child.apply(lastAcked + 1);
            try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                int acksBeforeKill = 1 + random.nextInt(maxAcks);
                int acks = 0;
                String line;
                while (acks < acksBeforeKill && (line = out.readLine()) != null) {
                    if (line.startsWith("ACK ")) {
                        lastAcked = Long.parseLong(line.substring(4));
                        acks++;
                    }
                }
                assertTrue(acks > 0, "child made no progress in round " + round);
                // SIGKILL on Linux: no shutdown hooks, no clean close. Through the handle: Process.destroyForcibly
                // would also close our end of the child's stdout, whose unread ACKs are read below.
                p.toHandle().destroyForcibly();
                assertTrue(p.waitFor(30, TimeUnit.SECONDS));
                // ACKs the child printed before it died, not read yet: those inserts were acknowledged
                // too. Counting them leaves at most the one insert in flight at the kill to be made
                // again by the next child (a re-inserted row lags the stream's newest by one batch at
                // most, which the crash children keep within their watermark delay).
                while ((line = out.readLine()) != null) {
                    if (line.startsWith("ACK ")) {
                        lastAcked = Long.parseLong(line.substring(4));
                    }
                }
            }
        }
        return lastAcked;
    }

    /** {@link #start} for a lambda that may not throw. */
    public static Process startUnchecked(Class<?> main, String... args) {
        try {
            return start(main, args);
        } catch (Exception e) {
            throw new IllegalStateException("cannot start " + main.getSimpleName(), e);
        }
    }
}
