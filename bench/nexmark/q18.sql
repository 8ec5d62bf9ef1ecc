-- NOT RUNNING YET (see README.md). Nexmark q18, last bid: each bidder's latest bid on each auction (ROW_NUMBER per bidder and auction
-- by date_time descending, rk = 1; on a tie in time the first to arrive stays). A later bid replaces
-- the pair's row, so the result is a changelog: a table keyed by (bidder, auction).
CREATE TABLE nexmark_q18 (
  auction BIGINT NOT NULL,
  bidder BIGINT NOT NULL,
  price BIGINT,
  channel VARCHAR,
  url VARCHAR,
  date_time TIMESTAMP(3),
  extra VARCHAR,
  PRIMARY KEY (bidder, auction)
);

CREATE PIPELINE nexmark_q18_pipeline AS
INSERT INTO nexmark_q18
SELECT auction, bidder, price, channel, url, date_time, extra
FROM (
  SELECT *, ROW_NUMBER() OVER (PARTITION BY bidder, auction ORDER BY date_time DESC) AS rk
  FROM bid
)
WHERE rk = 1;
