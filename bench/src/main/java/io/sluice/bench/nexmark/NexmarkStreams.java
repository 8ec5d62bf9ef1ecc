package io.sluice.bench.nexmark;

/**
 * The DDL of the Nexmark streams {@code person}, {@code auction} and {@code bid}: the Flink peer's
 * columns in snake_case, and on each the watermark of nexmark-flink ({@code date_time - 4 s}). The
 * JSON decoder and the generator map the camelCase field names onto these columns.
 */
public final class NexmarkStreams {
    private static final String WATERMARK = "  WATERMARK FOR date_time AS date_time - INTERVAL '4' SECOND\n";

    private NexmarkStreams() {
    }

    /** {@code CREATE STREAM <stream> (...) <with>} for one of person, auction, bid. */
    public static String ddl(String stream, String with) {
        String columns = switch (stream) {
            case "person" -> "  id BIGINT,\n  name VARCHAR,\n  email_address VARCHAR,\n  credit_card VARCHAR,\n"
                    + "  city VARCHAR,\n  state VARCHAR,\n  date_time TIMESTAMP(3),\n  extra VARCHAR,\n";
            case "auction" -> "  id BIGINT,\n  item_name VARCHAR,\n  description VARCHAR,\n  initial_bid BIGINT,\n"
                    + "  reserve BIGINT,\n  date_time TIMESTAMP(3),\n  expires TIMESTAMP(3),\n  seller BIGINT,\n"
                    + "  category BIGINT,\n  extra VARCHAR,\n";
            case "bid" -> "  auction BIGINT,\n  bidder BIGINT,\n  price BIGINT,\n  channel VARCHAR,\n  url VARCHAR,\n"
                    + "  date_time TIMESTAMP(3),\n  extra VARCHAR,\n";
            default -> throw new IllegalArgumentException("not a Nexmark stream: " + stream);
        };
        return "CREATE STREAM " + stream + " (\n" + columns + WATERMARK + ")" + with;
    }
}
