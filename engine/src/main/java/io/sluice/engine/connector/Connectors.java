package io.sluice.engine.connector;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.TreeMap;

/**
 * The connectors and formats on the class path, found once through {@link ServiceLoader} (with the
 * class loader that loaded Sluice, which in the runnable jar and in an embedding application is the
 * one that holds the connectors). Two with the same name: the first found wins, and the clash is an
 * error at lookup so it cannot go unnoticed.
 */
public final class Connectors {
    private static volatile Registry registry;

    private Connectors() {
    }

    private record Registry(Map<String, ConnectorFactory> connectors, Map<String, FormatFactory> formats,
                            List<String> clashes) {
    }

    private static Registry registry() {
        Registry r = registry;
        if (r == null) {
            synchronized (Connectors.class) {
                r = registry;
                if (r == null) {
                    r = load();
                    registry = r;
                }
            }
        }
        return r;
    }

    private static Registry load() {
        ClassLoader loader = Connectors.class.getClassLoader();
        Map<String, ConnectorFactory> connectors = new TreeMap<>();
        Map<String, FormatFactory> formats = new TreeMap<>();
        List<String> clashes = new ArrayList<>();
        for (ConnectorFactory f : ServiceLoader.load(ConnectorFactory.class, loader)) {
            if (connectors.putIfAbsent(key(f.name()), f) != null) {
                clashes.add("connector " + f.name());
            }
        }
        for (FormatFactory f : ServiceLoader.load(FormatFactory.class, loader)) {
            if (formats.putIfAbsent(key(f.name()), f) != null) {
                clashes.add("format " + f.name());
            }
        }
        return new Registry(Collections.unmodifiableMap(connectors), Collections.unmodifiableMap(formats),
                List.copyOf(clashes));
    }

    private static String key(String name) {
        return name.trim().toLowerCase(Locale.ROOT);
    }

    /** The connector of this name (any case), if one is on the class path. */
    public static Optional<ConnectorFactory> connector(String name) {
        return Optional.ofNullable(registry().connectors().get(key(name)));
    }

    /** The format of this name (any case), if one is on the class path. */
    public static Optional<FormatFactory> format(String name) {
        return Optional.ofNullable(registry().formats().get(key(name)));
    }

    /** Every connector name, sorted. */
    public static List<String> connectorNames() {
        return List.copyOf(registry().connectors().keySet());
    }

    /** Every format name, sorted. */
    public static List<String> formatNames() {
        return List.copyOf(registry().formats().keySet());
    }

    /** Names registered twice (a class path with two copies of a connector), for diagnostics. */
    public static List<String> clashes() {
        return registry().clashes();
    }
}
