-- NOT RUNNING YET (see README.md). Nexmark q9, winning bids: for each auction, the bid that wins it: the highest price among the bids
-- placed while it was open (BETWEEN: both ends included), the earliest of those on a tie (then the
-- order of arrival), with the auction's columns beside the bid's. A regular join of two append-only
-- streams feeding a Top-1 per auction that is not a window's: a later, higher bid replaces the
-- winner, so the result is a changelog, a table keyed by auction id.
CREATE TABLE nexmark_q9 (
  id BIGINT NOT NULL,
  item_name VARCHAR,
  description VARCHAR,
  initial_bid BIGINT,
  reserve BIGINT,
  date_time TIMESTAMP(3),
  expires TIMESTAMP(3),
  seller BIGINT,
  category BIGINT,
  extra VARCHAR,
  auction BIGINT,
  bidder BIGINT,
  price BIGINT,
  bid_date_time TIMESTAMP(3),
  bid_extra VARCHAR,
  PRIMARY KEY (id)
);

CREATE PIPELINE nexmark_q9_pipeline AS
INSERT INTO nexmark_q9
SELECT id, item_name, description, initial_bid, reserve, a_time, expires, seller, category, a_extra,
  auction, bidder, price, b_time, b_extra
FROM (
  SELECT a.id, a.item_name, a.description, a.initial_bid, a.reserve, a.date_time AS a_time, a.expires,
    a.seller, a.category, a.extra AS a_extra,
    b.auction, b.bidder, b.price, b.date_time AS b_time, b.extra AS b_extra,
    ROW_NUMBER() OVER (PARTITION BY a.id ORDER BY b.price DESC, b.date_time ASC) AS rk
  FROM auction AS a
  JOIN bid AS b ON b.auction = a.id
  WHERE b.date_time BETWEEN a.date_time AND a.expires
)
WHERE rk = 1;
