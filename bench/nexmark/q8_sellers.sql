-- Part of Nexmark q8 (not a Nexmark query of its own): who opened an auction in each 10 s tumbling
-- window of the auction stream, once per seller and window (a GROUP BY without an aggregate
-- function), the right side of q8's join.
CREATE STREAM nexmark_q8_sellers (
  seller BIGINT,
  wstart TIMESTAMP(3)
);

CREATE PIPELINE nexmark_q8_sellers_pipeline AS
INSERT INTO nexmark_q8_sellers
SELECT seller, window_start AS wstart
FROM TABLE(TUMBLE(TABLE auction, DESCRIPTOR(date_time), INTERVAL '10' SECOND))
GROUP BY seller, window_start, window_end;
