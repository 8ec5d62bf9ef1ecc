package io.sluice.shell;

/**
 * How the interactive shell shows results, as the shell's own commands set it ({@code \timing},
 * {@code \x}): the terminal's width, the table layout, the mark that ends a cut value, and whether each
 * statement's time is printed. Scripts use {@link #unlimited()}: no width limit, no timing. Read and
 * written on the shell's thread only.
 */
final class Display {
    /** The layout of table rows: {@code \x on}, {@code \x off}, {@code \x auto}. */
    enum Expanded {
        /** One line per row, columns cut to fit. */
        OFF,
        /** One block per row, a line per column. */
        ON,
        /** One line per row while the columns fit the terminal, one block per row when they do not. */
        AUTO
    }

    /** Terminal columns; 0 for no limit (scripts, pipes). */
    int width;
    Expanded expanded = Expanded.AUTO;
    boolean timing;
    /** Ends a value cut to fit: an ellipsis where the terminal can show it. */
    char cut = TablePrinter.CUT;

    static Display unlimited() {
        Display d = new Display();
        d.expanded = Expanded.OFF;
        return d;
    }
}
