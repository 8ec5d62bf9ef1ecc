package io.sluice.shell;

import org.jline.reader.EOFError;
import org.jline.reader.ParsedLine;
import org.jline.reader.Parser;
import org.jline.reader.SyntaxError;
import org.jline.reader.impl.DefaultParser;

/**
 * Tells JLine when the user has finished a statement: on Enter, a buffer that is not
 * {@link StatementSplitter#isComplete complete} (no {@code ;} yet, or an open quote or comment) raises
 * {@link EOFError}, and JLine shows the continuation prompt and keeps reading. The shell's commands
 * ({@code help}, {@code \timing}, {@code quit}, ...) need no {@code ;}. Word splitting for completion and history is JLine's default parser,
 * told that SQL has no backslash escapes and that an open quote is not its business.
 */
final class StatementLineParser implements Parser {
    private final DefaultParser words = new DefaultParser();

    StatementLineParser() {
        words.setEofOnUnclosedQuote(false);
        words.setEofOnEscapedNewLine(false);
        words.setEscapeChars(new char[0]);
    }

    @Override
    public ParsedLine parse(String line, int cursor, ParseContext context) throws SyntaxError {
        if (context == ParseContext.ACCEPT_LINE && !StatementSplitter.isComplete(line) && !isShellCommand(line)) {
            throw new EOFError(-1, cursor, "statement not ended with ;", ";");
        }
        return words.parse(line, cursor, context);
    }

    /** Whether the line is one of the shell's own commands ({@link ShellCommands}), which need no {@code ;}. */
    static boolean isShellCommand(String line) {
        return ShellCommands.isCommand(line);
    }
}
