-- Nexmark q7, highest bid: the bid(s) with the highest price in each 10 s tumbling window
-- (epoch-aligned, [start, end)). As in nexmark-flink, the per-window maximum is joined back to the
-- bid stream on price with a time condition; BETWEEN includes both ends, so a bid at exactly
-- window_end (which belongs to the next window) matches too if its price equals the maximum.
-- Planned as an interval join: a window aggregate's window_end is an event-time column, so a bid is
-- kept only until the watermark passes its time + 10 s, and a window's row until it passes its end.
CREATE STREAM nexmark_q7 (
  auction BIGINT,
  bidder BIGINT,
  price BIGINT,
  date_time TIMESTAMP(3),
  extra VARCHAR
);

CREATE PIPELINE nexmark_q7_pipeline AS
INSERT INTO nexmark_q7
SELECT b.auction, b.bidder, b.price, b.date_time, b.extra
FROM bid AS b
JOIN (
  SELECT MAX(price) AS max_price, window_end AS wend
  FROM TABLE(TUMBLE(TABLE bid, DESCRIPTOR(date_time), INTERVAL '10' SECOND))
  GROUP BY window_start, window_end
) AS w
ON b.price = w.max_price
WHERE b.date_time BETWEEN w.wend - INTERVAL '10' SECOND AND w.wend;
