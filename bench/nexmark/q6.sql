-- Nexmark q6, average selling price by seller: each time one of a seller's auctions closes with a
-- winning bid (the highest bid placed while it was open), the average winning price of that
-- seller's last 10 such auctions, this one included, in order of closing time (expires; ties by
-- auction id). AVG of a BIGINT is a BIGINT (truncated).
--
-- This is the classic formulation with a ROWS OVER window. Flink cannot run it (an OVER aggregate
-- over an updating input whose ORDER BY is not a time attribute; nexmark-flink skips q6), and
-- Sluice will need the same: either OVER over a changelog, or the auction "closing" as an event-time
-- trigger. The oracle gives it the meaning above over the whole (bounded) input.
CREATE STREAM nexmark_q6 (
  seller BIGINT,
  avg_price BIGINT
);

CREATE PIPELINE nexmark_q6_pipeline AS
INSERT INTO nexmark_q6
SELECT winners.seller,
  AVG(winners.final_price) OVER (
    PARTITION BY winners.seller
    ORDER BY winners.expires, winners.id
    ROWS BETWEEN 9 PRECEDING AND CURRENT ROW) AS avg_price
FROM (
  SELECT a.id, a.seller, a.expires, MAX(b.price) AS final_price
  FROM auction AS a
  JOIN bid AS b ON b.auction = a.id
  WHERE b.date_time BETWEEN a.date_time AND a.expires
  GROUP BY a.id, a.seller, a.expires
) AS winners;
