package io.sluice.shell;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;

/**
 * The commands the interactive shell carries out itself, never sending them to the server. They need no
 * {@code ;} and must stand alone on the input line:
 * <ul>
 *   <li>{@code help} lists the statements with an example each; {@code help <statement>} (e.g.
 *       {@code help create pipeline}) shows one in full;</li>
 *   <li>{@code \timing [on|off]} prints the elapsed time after each statement (toggles without an argument);</li>
 *   <li>{@code \x [on|off|auto]} lays rows out one block per row ({@code on}), one line per row
 *       ({@code off}), or blocks only when a row does not fit the terminal ({@code auto}, the default);
 *       without an argument it switches between on and auto;</li>
 *   <li>{@code quit}, {@code exit} leave (as does Ctrl-D).</li>
 * </ul>
 * Called on the shell's thread.
 */
final class ShellCommands {
    /** The commands, as completion offers them. */
    static final List<String> NAMES = List.of("help", "quit", "exit", "\\timing", "\\x");

    /** What the shell does after a command. */
    enum Outcome { CONTINUE, LEAVE }

    private ShellCommands() {
    }

    /** Whether {@code line} is one of the shell's commands (with or without a trailing {@code ;}). */
    static boolean isCommand(String line) {
        String s = strip(line);
        String first = s.split("\\s+", 2)[0].toLowerCase(Locale.ROOT);
        return s.startsWith("\\") || first.equals("help") || first.equals("quit") || first.equals("exit");
    }

    /** Carries out the command on {@code line} (see {@link #isCommand}), changing {@code display}. */
    static Outcome run(String line, Display display, PrintWriter out) {
        String s = strip(line);
        String[] parts = s.split("\\s+", 2);
        String command = parts[0].toLowerCase(Locale.ROOT);
        String arg = parts.length > 1 ? parts[1].strip().toLowerCase(Locale.ROOT) : "";
        switch (command) {
            case "quit", "exit" -> {
                return Outcome.LEAVE;
            }
            case "help" -> out.print(arg.isEmpty() ? Help.overview() : Help.about(arg));
            case "\\timing" -> {
                if (arg.isEmpty() || arg.equals("on") || arg.equals("off")) {
                    display.timing = arg.isEmpty() ? !display.timing : arg.equals("on");
                    out.println("Timing is " + (display.timing ? "on." : "off."));
                } else {
                    out.println("Usage: \\timing [on|off]");
                }
            }
            case "\\x" -> {
                Display.Expanded next = switch (arg) {
                    case "" -> display.expanded == Display.Expanded.ON ? Display.Expanded.AUTO : Display.Expanded.ON;
                    case "on" -> Display.Expanded.ON;
                    case "off" -> Display.Expanded.OFF;
                    case "auto" -> Display.Expanded.AUTO;
                    default -> null;
                };
                if (next == null) {
                    out.println("Usage: \\x [on|off|auto]");
                } else {
                    display.expanded = next;
                    out.println("Expanded display is " + next.name().toLowerCase(Locale.ROOT) + ".");
                }
            }
            default -> out.println("Unknown command " + parts[0] + ". Shell commands: help, \\timing, \\x, quit.");
        }
        out.flush();
        return Outcome.CONTINUE;
    }

    private static String strip(String line) {
        String s = line.strip();
        while (s.endsWith(";")) {
            s = s.substring(0, s.length() - 1).strip();
        }
        return s;
    }
}
