package io.sluice.engine.connector;

import java.util.List;
import java.util.Objects;

/**
 * One option a connector or a format accepts in {@code WITH (...)}: its name, the type of its value,
 * whether it must be given or else its default, and a description for error messages and docs.
 *
 * <p>A name may contain one {@code #}, which stands for a column of the stream: {@code fields.#.min}
 * accepts {@code fields.price.min} when the stream has a column {@code price} (datagen uses this).
 * Format options are written with the format's name in front ({@code 'csv.delimiter'}); the format
 * declares them without it ({@code delimiter}).
 *
 * @param name         the option's key, lower case
 * @param type         what its value must be
 * @param required     whether CREATE fails without it
 * @param defaultValue the value when not given (null: none; never used when required)
 * @param description  one line saying what it does
 * @param choices      the values an {@link OptionType#ENUM} option takes (empty otherwise)
 */
public record ConfigOption(String name, OptionType type, boolean required, String defaultValue, String description,
                           List<String> choices) {
    /** The placeholder for a column name in a per-column option. */
    public static final String COLUMN = "#";

    public ConfigOption {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        choices = List.copyOf(choices);
        if (type == OptionType.ENUM && choices.isEmpty()) {
            throw new IllegalArgumentException("ENUM option " + name + " needs choices");
        }
        if (required && defaultValue != null) {
            throw new IllegalArgumentException("required option " + name + " cannot have a default");
        }
    }

    /** An option that must be given. */
    public static ConfigOption required(String name, OptionType type, String description) {
        return new ConfigOption(name, type, true, null, description, List.of());
    }

    /** An option with a default ({@code null}: absent unless given). */
    public static ConfigOption optional(String name, OptionType type, String defaultValue, String description) {
        return new ConfigOption(name, type, false, defaultValue, description, List.of());
    }

    /** An option whose value is one of {@code choices}; required when {@code defaultValue} is null. */
    public static ConfigOption oneOf(String name, List<String> choices, String defaultValue, String description) {
        return new ConfigOption(name, OptionType.ENUM, defaultValue == null, defaultValue, description, choices);
    }

    /** Whether the name stands for one option per column ({@code fields.#.min}). */
    public boolean perColumn() {
        return name.contains(COLUMN);
    }
}
