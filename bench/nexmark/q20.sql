-- Nexmark q20, expand bid with auction: every bid joined with its auction, for auctions in category
-- 10. An unwindowed (regular) join of two append-only streams on bid.auction = auction.id: a row
-- appears whichever side arrives first, so the result is append-only.
CREATE STREAM nexmark_q20 (
  auction BIGINT,
  bidder BIGINT,
  price BIGINT,
  channel VARCHAR,
  url VARCHAR,
  bid_date_time TIMESTAMP(3),
  bid_extra VARCHAR,
  item_name VARCHAR,
  description VARCHAR,
  initial_bid BIGINT,
  reserve BIGINT,
  auction_date_time TIMESTAMP(3),
  expires TIMESTAMP(3),
  seller BIGINT,
  category BIGINT,
  auction_extra VARCHAR
);

CREATE PIPELINE nexmark_q20_pipeline AS
INSERT INTO nexmark_q20
SELECT b.auction, b.bidder, b.price, b.channel, b.url, b.date_time, b.extra,
  a.item_name, a.description, a.initial_bid, a.reserve, a.date_time, a.expires, a.seller, a.category, a.extra
FROM bid AS b
JOIN auction AS a ON b.auction = a.id
WHERE a.category = 10;
