package io.sluice.engine.plan;

import java.util.Locale;

/** Where a scan that has no checkpoint starts reading. */
public enum StartMode {
    /** At the earliest retained row (the default). */
    EARLIEST("earliest-offset"),
    /** After the last row present when the query starts: only new rows. */
    LATEST("latest-offset");

    private final String option;

    StartMode(String option) {
        this.option = option;
    }

    /** The value of the {@code scan.startup.mode} option that selects this mode. */
    public String option() {
        return option;
    }

    /** Parses an option value ({@code earliest-offset} / {@code latest-offset}); null if not one. */
    public static StartMode fromOption(String value) {
        String v = value.trim().toLowerCase(Locale.ROOT);
        for (StartMode m : values()) {
            if (m.option.equals(v) || m.name().toLowerCase(Locale.ROOT).equals(v)) {
                return m;
            }
        }
        return null;
    }
}
