package io.sluice.engine.connector;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * Option values that have been checked against their {@link ConfigOption}s: every required option is
 * present, defaults are filled in, and every value has its declared type, so the typed getters never
 * fail on a value a user gave. Keys are as declared (lower case, without a format's prefix).
 * Immutable.
 */
public final class Options {
    private final Map<String, String> values;

    Options(Map<String, String> values) {
        this.values = Collections.unmodifiableMap(new TreeMap<>(values));
    }

    /** Options with no validation, for tests and for code that builds a connector by hand. */
    public static Options of(Map<String, String> values) {
        return new Options(values);
    }

    public boolean has(String name) {
        return values.containsKey(name);
    }

    /** The value, or null when neither given nor defaulted. */
    public String get(String name) {
        return values.get(name);
    }

    public String getString(String name, String fallback) {
        String v = values.get(name);
        return v == null ? fallback : v;
    }

    public int getInt(String name, int fallback) {
        String v = values.get(name);
        return v == null ? fallback : Integer.parseInt(v.trim());
    }

    public long getLong(String name, long fallback) {
        String v = values.get(name);
        return v == null ? fallback : Long.parseLong(v.trim());
    }

    public double getDouble(String name, double fallback) {
        String v = values.get(name);
        return v == null ? fallback : Double.parseDouble(v.trim());
    }

    public boolean getBoolean(String name, boolean fallback) {
        String v = values.get(name);
        return v == null ? fallback : Boolean.parseBoolean(v.trim());
    }

    public char getChar(String name, char fallback) {
        String v = values.get(name);
        return v == null || v.isEmpty() ? fallback : v.charAt(0);
    }

    /** Every value, keyed by option name. */
    public Map<String, String> asMap() {
        return values;
    }

    @Override
    public String toString() {
        return values.toString();
    }
}
