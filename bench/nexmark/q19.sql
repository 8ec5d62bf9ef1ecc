-- NOT RUNNING YET (see README.md). Nexmark q19, auction Top-10: the ten highest-priced bids of each auction, with their rank (ties in
-- price rank in order of arrival). Not a window's Top-N: a new high bid moves the others down, so the
-- result is a changelog of ranks: a table keyed by (auction, rank_number).
CREATE TABLE nexmark_q19 (
  auction BIGINT NOT NULL,
  bidder BIGINT,
  price BIGINT,
  channel VARCHAR,
  url VARCHAR,
  date_time TIMESTAMP(3),
  extra VARCHAR,
  rank_number BIGINT NOT NULL,
  PRIMARY KEY (auction, rank_number)
);

CREATE PIPELINE nexmark_q19_pipeline AS
INSERT INTO nexmark_q19
SELECT auction, bidder, price, channel, url, date_time, extra, rk
FROM (
  SELECT *, ROW_NUMBER() OVER (PARTITION BY auction ORDER BY price DESC) AS rk
  FROM bid
)
WHERE rk <= 10;
