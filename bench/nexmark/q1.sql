-- Nexmark q1, currency conversion: every bid with its price converted from dollars to euros
-- (factor 0.908). DECIMAL(4, 3) * BIGINT is DECIMAL(23, 3): exact, no rounding.
CREATE STREAM nexmark_q1 (
  auction BIGINT,
  bidder BIGINT,
  price DECIMAL(23, 3),
  date_time TIMESTAMP(3),
  extra VARCHAR
);

CREATE PIPELINE nexmark_q1_pipeline AS
INSERT INTO nexmark_q1
SELECT auction, bidder, 0.908 * price AS price, date_time, extra
FROM bid;
