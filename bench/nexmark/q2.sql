-- Nexmark q2, selection: the bids on every 123rd auction id.
CREATE STREAM nexmark_q2 (
  auction BIGINT,
  price BIGINT
);

CREATE PIPELINE nexmark_q2_pipeline AS
INSERT INTO nexmark_q2
SELECT auction, price
FROM bid
WHERE MOD(auction, 123) = 0;
