package io.sluice.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/sluice} in a real terminal: tmux runs it in a pane of its own server (a private socket,
 * so no one else's tmux is touched), the test types keys with {@code send-keys} and reads the screen
 * with {@code capture-pane}, as a person at the keyboard would. Runs after {@code package}, against
 * the shaded jar. Skipped where tmux is not installed.
 */
@Timeout(300)
class TerminalSessionIT {
    private static final Path BIN = Path.of(System.getProperty("user.dir")).resolve("../bin/sluice").normalize();
    private static final Pattern STATUS = Pattern.compile("\\d[\\d,]* rows? \\| [\\d,]+ rows/s \\| \\d+:\\d\\d running \\| Ctrl-C stops");

    @TempDir
    Path dir;

    private final String socket = "sluice-it-" + ProcessHandle.current().pid() + "-" + System.nanoTime();

    private String tmux(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("tmux", "-L", socket));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), "tmux did not answer");
        assertEquals(0, p.exitValue(), "tmux " + args[0] + ": " + out);
        return out;
    }

    private static boolean tmuxInstalled() {
        try {
            Process p = new ProcessBuilder("tmux", "-V").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    private void start() throws Exception {
        String command = "SLUICE_HISTORY='" + dir.resolve("history") + "' '" + BIN + "' --data '" + dir.resolve("data") + "'";
        tmux("new-session", "-d", "-s", "main", "-x", "120", "-y", "40", command);
        await("Type 'help'");
        ready();
    }

    /** Types {@code text} literally (a trailing ';' escaped, which tmux would take as a command separator). */
    private void type(String text) throws Exception {
        tmux("send-keys", "-t", "main", "-l", text.endsWith(";") ? text.substring(0, text.length() - 1) + "\\;" : text);
    }

    private void key(String key) throws Exception {
        tmux("send-keys", "-t", "main", key);
    }

    /** The whole pane, scrollback included, wrapped lines joined. */
    private String screen() throws Exception {
        return tmux("capture-pane", "-p", "-J", "-t", "main", "-S", "-", "-E", "-");
    }

    /** Waits until the screen holds {@code text} more than {@code times} times; returns the screen. */
    private String await(String text, int times) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            String screen = screen();
            if (screen.split(Pattern.quote(text), -1).length - 1 > times) {
                return screen;
            }
            assertTrue(System.nanoTime() < deadline, "never shown: " + text + "\n--- screen:\n" + screen);
            Thread.sleep(100);
        }
    }

    private String await(String text) throws Exception {
        return await(text, 0);
    }

    /** Waits until the last line that is not blank passes {@code test}; returns the screen. */
    private String awaitLastLine(String what, java.util.function.Predicate<String> test) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            String screen = screen();
            if (test.test(lastLine(screen))) {
                return screen;
            }
            assertTrue(System.nanoTime() < deadline, "last line never became " + what + "\n--- screen:\n" + screen);
            Thread.sleep(100);
        }
    }

    /**
     * Waits for an empty prompt: the shell reads keys again (JLine draws the prompt once the terminal is
     * in raw mode; keys typed before that would meet the terminal's own line editing, where Ctrl-R reprints).
     */
    private String ready() throws Exception {
        return awaitLastLine("an empty prompt", l -> l.strip().equals(InteractiveShell.PROMPT.strip()));
    }

    /** At an empty prompt, types a statement and Enter. */
    private void enter(String statement) throws Exception {
        ready();
        type(statement);
        key("Enter");
    }

    /** Waits until the shell has left: its pane, and with it the private tmux server, are gone. */
    private void awaitExit() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            Process p = new ProcessBuilder("tmux", "-L", socket, "has-session", "-t", "main").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            if (p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() != 0) {
                return;
            }
            assertTrue(System.nanoTime() < deadline, "the shell did not leave on quit");
            Thread.sleep(100);
        }
    }

    /** The last line of the screen that is not blank. */
    private static String lastLine(String screen) {
        List<String> lines = screen.lines().filter(l -> !l.isBlank()).toList();
        return lines.get(lines.size() - 1);
    }

    @AfterEach
    void stopTmux() throws Exception {
        if (tmuxInstalled()) {
            new ProcessBuilder("tmux", "-L", socket, "kill-server").redirectErrorStream(true).start().waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void aSessionAtTheKeyboard() throws Exception {
        assumeTrue(tmuxInstalled(), "tmux is not installed");
        start();
        enter("CREATE STREAM orders (id INT, amount DOUBLE, note VARCHAR);");
        await("Stream orders created.");
        enter("INSERT INTO orders VALUES (1, 2.5, 'first'), (2, 99.5, 'a note far longer than the thirty characters of its column');");
        await("2 rows inserted.");

        // Tab completes a column (no FROM yet: any stream's) and a stream name
        ready();
        type("SELECT id, note, am");
        key("Tab");
        type("FROM ord");
        key("Tab");
        type("WHERE id = 2 LIMIT 1;");
        key("Enter");
        String screen = await("1 row\n");
        assertTrue(screen.contains("sluice> SELECT id, note, amount FROM orders WHERE id = 2 LIMIT 1;"), screen);
        assertTrue(screen.contains("|           2 | a note far longer than the th\u2026 |                   99.5 |"),
                "a long value is cut with an ellipsis:\n" + screen);

        // \x: one block per row; \x auto goes back
        enter("\\x");
        await("Expanded display is on.");
        enter("SELECT note FROM orders WHERE id = 2 LIMIT 1;");
        screen = await("note | a note far longer than the thirty characters of its column");
        assertTrue(screen.contains("-[ RECORD 1 ]"), screen);
        enter("\\x auto");
        await("Expanded display is auto.");

        // an error: the line, and a caret under the column
        enter("SELECT nope FROM orders;");
        screen = await("At line 1, column 8: Column 'nope' not found");
        assertTrue(screen.contains("At line 1, column 8: Column 'nope' not found\n  SELECT nope FROM orders\n         ^\n"), screen);

        // help and timing
        enter("help");
        await("Shell commands (no ';' needed; never sent to the server):");
        enter("\\timing");
        await("Timing is on.");
        enter("SELECT id FROM orders LIMIT 1;");
        await("Time: ");

        // a push query without LIMIT: rows, a live status line at the bottom, Ctrl-C back to the prompt
        enter("SELECT id, note FROM orders;");
        screen = await("running | Ctrl-C stops");
        String status = lastLine(screen);
        assertTrue(STATUS.matcher(status).matches(), "the status line is the last line:\n" + screen);
        assertTrue(status.startsWith("2 rows | "), status);
        // the status line is redrawn while no rows come: its clock moves
        screen = awaitLastLine("a later status", l -> STATUS.matcher(l).matches() && !l.equals(status));
        key("C-c");
        await("Query cancelled.");
        screen = ready();
        assertTrue(!STATUS.matcher(screen.substring(screen.lastIndexOf("Query cancelled."))).find(),
                "the status line is gone:\n" + screen);

        // Ctrl-R finds an earlier statement; the history outlives the session
        enter("quit");
        awaitExit();
        start();
        key("C-r");
        type("nope");
        screen = await("SELECT nope FROM orders");
        key("Enter");
        await("At line 1, column 8: Column 'nope' not found");
        enter("quit");
        awaitExit();
    }
}
