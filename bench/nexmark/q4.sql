-- Nexmark q4, average closing price per category: the winning (highest) bid of each auction,
-- counting only bids placed while it was open (BETWEEN: both ends included), averaged per
-- category. AVG of a BIGINT is a BIGINT (the quotient truncated), as in Calcite and Flink.
-- The join is an interval join bounded by a column (an auction is kept until the watermark passes
-- its expires, a bid until it passes the bid's time), so its state stays small. Both aggregates are
-- unwindowed, so the result is a changelog: it is a table keyed by category, and the test compares
-- its final state.
CREATE TABLE nexmark_q4 (
  category BIGINT NOT NULL,
  avg_final_price BIGINT,
  PRIMARY KEY (category)
);

CREATE PIPELINE nexmark_q4_pipeline AS
INSERT INTO nexmark_q4
SELECT winners.category, AVG(winners.final_price) AS avg_final_price
FROM (
  SELECT a.id, a.category, MAX(b.price) AS final_price
  FROM auction AS a
  JOIN bid AS b ON b.auction = a.id
  WHERE b.date_time BETWEEN a.date_time AND a.expires
  GROUP BY a.id, a.category
) AS winners
GROUP BY winners.category;
