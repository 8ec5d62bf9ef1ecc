package io.sluice.storage.chronicle;

import java.io.File;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Starts a test main class in a fresh JVM with this JVM's class path. */
final class ChildJvm {
    private ChildJvm() {
    }

    /**
     * The JVM options Sluice needs: Surefire hands them over as {@code sluice.jvm.options}; run from
     * elsewhere, this JVM's own {@code --add-*} and {@code -D} options stand in for them.
     */
    static List<String> sluiceJvmOptions() {
        String configured = System.getProperty("sluice.jvm.options");
        if (configured != null && !configured.isBlank()) {
            return Arrays.stream(configured.trim().split("\\s+")).toList();
        }
        return ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(a -> a.startsWith("--add-") || a.startsWith("-Dchronicle")).toList();
    }

    static Process start(List<String> jvmOptions, Class<?> main, Path stderr, String... args) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-Xmx128m");
        command.add("-XX:TieredStopAtLevel=1"); // a short-lived child: start fast rather than peak
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(main.getName());
        command.addAll(List.of(args));
        return new ProcessBuilder(command)
                .redirectError(ProcessBuilder.Redirect.to(stderr.toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .start();
    }
}
