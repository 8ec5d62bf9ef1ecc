-- Nexmark q6, average selling price by seller: for each of a seller's auctions with a winning bid (the
-- highest bid placed while it was open), the average winning price of that seller's last 10 such
-- auctions, this one included, in order of closing time (expires; ties by auction id). AVG of a
-- BIGINT is a BIGINT (truncated).
--
-- This is the classic formulation with a ROWS OVER window. Flink cannot run it (an OVER aggregate
-- over an updating input whose ORDER BY is not a time attribute; nexmark-flink skips q6). Sluice runs
-- the OVER over the changelog of the unwindowed join + GROUP BY: a new or higher winning bid updates
-- its auction's row and the rows of the next 9 auctions whose frames hold it. The result is a
-- changelog, so it is a table keyed by what makes its rows unique (the GROUP BY keys: seller, auction
-- and expires), and the test compares its final state.
CREATE TABLE nexmark_q6 (
  seller BIGINT NOT NULL,
  auction BIGINT NOT NULL,
  expires TIMESTAMP(3) NOT NULL,
  avg_price BIGINT,
  PRIMARY KEY (seller, auction, expires)
);

CREATE PIPELINE nexmark_q6_pipeline AS
INSERT INTO nexmark_q6
SELECT winners.seller, winners.id, winners.expires,
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
