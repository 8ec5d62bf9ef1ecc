package io.sluice.shell;

import io.sluice.shell.SqlLexer.Token;
import org.jline.reader.Highlighter;
import org.jline.reader.LineReader;
import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStringBuilder;
import org.jline.utils.AttributedStyle;

/**
 * Colours the line being edited: keywords bold blue, string literals green, numbers cyan, comments
 * grey, and a shell command ({@code help}, {@code \timing}) bold. Called by JLine on the shell's thread
 * at each key; it only tokenizes, so it is cheap. The text is never changed, only styled.
 */
final class SqlHighlighter implements Highlighter {
    static final AttributedStyle KEYWORD = AttributedStyle.BOLD.foreground(AttributedStyle.BLUE);
    static final AttributedStyle STRING = AttributedStyle.DEFAULT.foreground(AttributedStyle.GREEN);
    static final AttributedStyle NUMBER = AttributedStyle.DEFAULT.foreground(AttributedStyle.CYAN);
    static final AttributedStyle COMMENT = AttributedStyle.DEFAULT.foreground(AttributedStyle.BLACK + AttributedStyle.BRIGHT);
    static final AttributedStyle COMMAND = AttributedStyle.BOLD;

    @Override
    public AttributedString highlight(LineReader reader, String buffer) {
        return highlight(buffer);
    }

    /** The buffer with its styles. */
    static AttributedString highlight(String buffer) {
        AttributedStringBuilder b = new AttributedStringBuilder(buffer.length() + 16);
        if (ShellCommands.isCommand(buffer)) {
            return b.styled(COMMAND, buffer).toAttributedString();
        }
        int at = 0;
        for (Token t : SqlLexer.tokens(buffer)) {
            b.append(buffer, at, t.start());
            AttributedStyle style = switch (t.kind()) {
                case WORD -> SqlLexer.KEYWORDS.contains(t.upper()) ? KEYWORD : null;
                case STRING -> STRING;
                case NUMBER -> NUMBER;
                case COMMENT -> COMMENT;
                default -> null;
            };
            if (style == null) {
                b.append(t.text());
            } else {
                b.styled(style, t.text());
            }
            at = t.end();
        }
        b.append(buffer, at, buffer.length());
        return b.toAttributedString();
    }
}
