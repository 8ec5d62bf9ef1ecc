package io.sluice.storage.chronicle;

import io.sluice.storage.StorageException;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks that the JVM grants Chronicle Queue the access it needs on Java 17 ({@code --add-opens} and
 * {@code --add-exports} of JDK internals to unnamed modules). Without it Chronicle fails at the first
 * queue with an {@code IllegalAccessException} about {@code FileChannelImpl.map0}, which tells a user
 * nothing; this check names the missing options instead.
 *
 * <p>Touches no Chronicle class, so it can run before Chronicle is loaded. The options count whether
 * they came from the command line or from the {@code Add-Opens}/{@code Add-Exports} entries of the
 * manifest of the jar started with {@code java -jar}.
 */
final class JvmAccessCheck {

    /** One required grant: {@code module/package} opened or exported to every unnamed module. */
    private record Grant(String module, String pkg, boolean open) {
        String option() {
            return (open ? "--add-opens=" : "--add-exports=") + module + "/" + pkg + "=ALL-UNNAMED";
        }
    }

    /**
     * The root pom's {@code sluice.jvm.options}, in the same order: ENVIRONMENT.md's list for Chronicle,
     * plus {@code jdk.internal.misc} for Agrona 2.x, whose buffers (handed to every record handler)
     * fail to initialize without it.
     */
    private static final List<Grant> REQUIRED = List.of(
            new Grant("java.base", "jdk.internal.misc", false),
            new Grant("java.base", "jdk.internal.ref", false),
            new Grant("java.base", "sun.nio.ch", false),
            new Grant("jdk.unsupported", "sun.misc", false),
            new Grant("java.base", "java.lang", true),
            new Grant("java.base", "java.lang.reflect", true),
            new Grant("java.base", "java.io", true),
            new Grant("java.base", "java.util", true),
            new Grant("java.base", "sun.nio.ch", true),
            new Grant("java.base", "java.nio", true));

    private JvmAccessCheck() {
    }

    /** The options this JVM lacks, empty when Chronicle can run. */
    static List<String> missingOptions() {
        // ALL-UNNAMED grants to every unnamed module, so the one of our own class loader stands for all.
        ClassLoader loader = JvmAccessCheck.class.getClassLoader();
        Module unnamed = loader != null ? loader.getUnnamedModule() : ClassLoader.getSystemClassLoader().getUnnamedModule();
        List<String> missing = new ArrayList<>();
        for (Grant g : REQUIRED) {
            Module m = ModuleLayer.boot().findModule(g.module()).orElse(null);
            boolean granted = m != null && (g.open() ? m.isOpen(g.pkg(), unnamed) : m.isExported(g.pkg(), unnamed));
            if (!granted) {
                missing.add(g.option());
            }
        }
        return missing;
    }

    /** Throws a {@link StorageException} naming every missing option, if any is missing. */
    static void require() {
        List<String> missing = missingOptions();
        if (!missing.isEmpty()) {
            throw new StorageException("Sluice's storage (Chronicle Queue and Agrona) cannot run on this JVM: it lacks the JVM options "
                    + String.join(" ", missing)
                    + " . Add them to the java command line (or, for a jar started with java -jar, to its manifest's"
                    + " Add-Opens/Add-Exports entries), together with -Dchronicle.analytics.disable=true.");
        }
    }
}
