-- Nexmark q16, channel statistics per day: q15's counts per channel and day, and the latest minute of
-- the day seen ('HH:mm'). Days and minutes are slices of the timestamp's text (Sluice has no
-- DATE_FORMAT; the strings are the same). An unwindowed aggregate: a table keyed by channel and day.
CREATE TABLE nexmark_q16 (
  channel VARCHAR NOT NULL,
  `day` VARCHAR NOT NULL,
  `minute` VARCHAR,
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
  PRIMARY KEY (channel, `day`)
);

CREATE PIPELINE nexmark_q16_pipeline AS
INSERT INTO nexmark_q16
SELECT
  channel,
  SUBSTRING(CAST(date_time AS VARCHAR) FROM 1 FOR 10) AS `day`,
  MAX(SUBSTRING(CAST(date_time AS VARCHAR) FROM 12 FOR 5)) AS `minute`,
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
GROUP BY channel, SUBSTRING(CAST(date_time AS VARCHAR) FROM 1 FOR 10);
