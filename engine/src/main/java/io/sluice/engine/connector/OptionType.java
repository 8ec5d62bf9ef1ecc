package io.sluice.engine.connector;

import java.util.Locale;

/**
 * The type of an option's value, checked when {@code CREATE STREAM} runs so that a connector only
 * ever sees values it can use. Every value is given as SQL text ({@code 'events' = '1000'}).
 */
public enum OptionType {
    /** Any text. */
    STRING,
    /** A whole number that fits an {@code int}. */
    INT,
    /** A whole number that fits a {@code long}. */
    LONG,
    /** A decimal number. */
    DOUBLE,
    /** {@code true} or {@code false}, any case. */
    BOOLEAN,
    /** Exactly one character; {@code \t} is accepted for a tab. */
    CHAR,
    /** One of the option's {@link ConfigOption#choices()}, any case. */
    ENUM;

    /**
     * Checks a value and returns it in canonical form (trimmed number, lower-case boolean or choice,
     * one-character text for CHAR).
     *
     * @return null when the value does not fit; the caller names the option in its error
     */
    String canonical(String value, ConfigOption option) {
        String v = value.trim();
        try {
            return switch (this) {
                case STRING -> value;
                case INT -> Integer.toString(Integer.parseInt(v));
                case LONG -> Long.toString(Long.parseLong(v));
                case DOUBLE -> Double.isFinite(Double.parseDouble(v)) ? v : null;
                case BOOLEAN -> v.equalsIgnoreCase("true") || v.equalsIgnoreCase("false") ? v.toLowerCase(Locale.ROOT) : null;
                case CHAR -> value.equals("\\t") ? "\t" : value.length() == 1 ? value : null;
                case ENUM -> option.choices().stream().filter(c -> c.equalsIgnoreCase(v)).findFirst().orElse(null);
            };
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** How an error message describes the values this type takes. */
    String expected(ConfigOption option) {
        return switch (this) {
            case STRING -> "text";
            case INT, LONG -> "a whole number";
            case DOUBLE -> "a number";
            case BOOLEAN -> "'true' or 'false'";
            case CHAR -> "a single character";
            case ENUM -> "one of " + String.join(", ", option.choices().stream().map(c -> "'" + c + "'").toList());
        };
    }
}
