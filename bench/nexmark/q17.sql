-- Nexmark q17, auction statistics per day: per auction and day, the bids in total and per price rank
-- (below 10,000; 10,000 up to 1,000,000; 1,000,000 and more) and the lowest, highest, average
-- (BIGINT, truncated) and total price. The day is the first ten characters of the timestamp's text
-- (Flink's DATE_FORMAT(date_time, 'yyyy-MM-dd')). A table keyed by auction and day.
CREATE TABLE nexmark_q17 (
  auction BIGINT NOT NULL,
  `day` VARCHAR NOT NULL,
  total_bids BIGINT,
  rank1_bids BIGINT,
  rank2_bids BIGINT,
  rank3_bids BIGINT,
  min_price BIGINT,
  max_price BIGINT,
  avg_price BIGINT,
  sum_price BIGINT,
  PRIMARY KEY (auction, `day`)
);

CREATE PIPELINE nexmark_q17_pipeline AS
INSERT INTO nexmark_q17
SELECT
  auction,
  SUBSTRING(CAST(date_time AS VARCHAR) FROM 1 FOR 10) AS `day`,
  COUNT(*),
  COUNT(*) FILTER (WHERE price < 10000),
  COUNT(*) FILTER (WHERE price >= 10000 AND price < 1000000),
  COUNT(*) FILTER (WHERE price >= 1000000),
  MIN(price),
  MAX(price),
  AVG(price),
  SUM(price)
FROM bid
GROUP BY auction, SUBSTRING(CAST(date_time AS VARCHAR) FROM 1 FOR 10);
