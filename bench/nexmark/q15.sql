-- Nexmark q15, bidding statistics per day: per day (the date of date_time, as 'yyyy-MM-dd' text), the
-- bids, distinct bidders and distinct auctions, in total and in three price ranks (below 10,000;
-- 10,000 up to 1,000,000; 1,000,000 and more). Flink writes the day with DATE_FORMAT, which Sluice
-- does not have: the first ten characters of the timestamp's text are the same string. An unwindowed
-- aggregate, so the result is a changelog: a table keyed by day.
CREATE TABLE nexmark_q15 (
  `day` VARCHAR NOT NULL,
  total_bids BIGINT,
  rank1_bids BIGINT,
  rank2_bids BIGINT,
  rank3_bids BIGINT,
  total_bidders BIGINT,
  rank1_bidders BIGINT,
  rank2_bidders BIGINT,
  rank3_bidders BIGINT,
  total_auctions BIGINT,
  rank1_auctions BIGINT,
  rank2_auctions BIGINT,
  rank3_auctions BIGINT,
  PRIMARY KEY (`day`)
);

CREATE PIPELINE nexmark_q15_pipeline AS
INSERT INTO nexmark_q15
SELECT
  SUBSTRING(CAST(date_time AS VARCHAR) FROM 1 FOR 10) AS `day`,
  COUNT(*),
  COUNT(*) FILTER (WHERE price < 10000),
  COUNT(*) FILTER (WHERE price >= 10000 AND price < 1000000),
  COUNT(*) FILTER (WHERE price >= 1000000),
  COUNT(DISTINCT bidder),
  COUNT(DISTINCT bidder) FILTER (WHERE price < 10000),
  COUNT(DISTINCT bidder) FILTER (WHERE price >= 10000 AND price < 1000000),
  COUNT(DISTINCT bidder) FILTER (WHERE price >= 1000000),
  COUNT(DISTINCT auction),
  COUNT(DISTINCT auction) FILTER (WHERE price < 10000),
  COUNT(DISTINCT auction) FILTER (WHERE price >= 10000 AND price < 1000000),
  COUNT(DISTINCT auction) FILTER (WHERE price >= 1000000)
FROM bid
GROUP BY SUBSTRING(CAST(date_time AS VARCHAR) FROM 1 FOR 10);
