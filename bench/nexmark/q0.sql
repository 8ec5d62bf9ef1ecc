-- Nexmark q0, pass-through: every bid, unchanged (the cost of reading, routing and writing rows).
CREATE STREAM nexmark_q0 (
  auction BIGINT,
  bidder BIGINT,
  price BIGINT,
  date_time TIMESTAMP(3),
  extra VARCHAR
);

CREATE PIPELINE nexmark_q0_pipeline AS
INSERT INTO nexmark_q0
SELECT auction, bidder, price, date_time, extra
FROM bid;
