package io.sluice.shell;

import java.io.PrintWriter;
import java.util.Locale;

/** How result rows are printed: {@code --format table|csv|json}. */
enum OutputFormat {
    /** Aligned columns between borders, for people. */
    TABLE,
    /** RFC 4180 fields with a header line, for spreadsheets and tools. */
    CSV,
    /** One JSON object per row and line, for programs. */
    JSON;

    static OutputFormat parse(String name) {
        try {
            return valueOf(name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ShellOptions.UsageException("Unknown format '" + name + "': use table, csv or json");
        }
    }

    RowPrinter printer(PrintWriter out) {
        return printer(out, Display.unlimited());
    }

    /** A printer for this format; tables follow {@code display} (width, expanded layout). */
    RowPrinter printer(PrintWriter out, Display display) {
        return switch (this) {
            case TABLE -> new TablePrinter(out, display);
            case CSV -> new CsvPrinter(out);
            case JSON -> new JsonPrinter(out);
        };
    }

    /** Whether status lines ("Stream S created.") may go to the same output as rows without spoiling it. */
    boolean mixesMessages() {
        return this == TABLE;
    }
}
