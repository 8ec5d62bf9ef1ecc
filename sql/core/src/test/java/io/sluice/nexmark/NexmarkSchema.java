package io.sluice.nexmark;

/**
 * The DDL of the three Nexmark streams in Sluice: the columns of the Flink peer's tables in
 * snake_case ({@code date_time}, {@code email_address}, ...), Sluice types, and on each the
 * event-time watermark of nexmark-flink ({@code date_time - 4 s}).
 */
public final class NexmarkSchema {
    /** The watermark delay every stream declares. */
    public static final long WATERMARK_DELAY_MILLIS = 4_000;

    private static final String WATERMARK = "  WATERMARK FOR date_time AS date_time - INTERVAL '4' SECOND\n";

    private NexmarkSchema() {
    }

    /** {@code CREATE STREAM person (...) <with>}; {@code with} is a WITH clause or empty. */
    public static String person(String with) {
        return "CREATE STREAM person (\n"
                + "  id BIGINT,\n"
                + "  name VARCHAR,\n"
                + "  email_address VARCHAR,\n"
                + "  credit_card VARCHAR,\n"
                + "  city VARCHAR,\n"
                + "  state VARCHAR,\n"
                + "  date_time TIMESTAMP(3),\n"
                + "  extra VARCHAR,\n"
                + WATERMARK
                + ")" + with;
    }

    public static String auction(String with) {
        return "CREATE STREAM auction (\n"
                + "  id BIGINT,\n"
                + "  item_name VARCHAR,\n"
                + "  description VARCHAR,\n"
                + "  initial_bid BIGINT,\n"
                + "  reserve BIGINT,\n"
                + "  date_time TIMESTAMP(3),\n"
                + "  expires TIMESTAMP(3),\n"
                + "  seller BIGINT,\n"
                + "  category BIGINT,\n"
                + "  extra VARCHAR,\n"
                + WATERMARK
                + ")" + with;
    }

    public static String bid(String with) {
        return "CREATE STREAM bid (\n"
                + "  auction BIGINT,\n"
                + "  bidder BIGINT,\n"
                + "  price BIGINT,\n"
                + "  channel VARCHAR,\n"
                + "  url VARCHAR,\n"
                + "  date_time TIMESTAMP(3),\n"
                + "  extra VARCHAR,\n"
                + WATERMARK
                + ")" + with;
    }
}
