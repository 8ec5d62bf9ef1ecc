-- Nexmark q5, hot items: in each hopping window of 10 s every 2 s (epoch-aligned, [start, end)),
-- the auction(s) with the most bids; ties all appear. A window's counts exist once the bid
-- watermark passes its end (every window, when the input is bounded and has ended).
CREATE STREAM nexmark_q5 (
  auction BIGINT,
  num BIGINT
);

CREATE PIPELINE nexmark_q5_pipeline AS
INSERT INTO nexmark_q5
SELECT per_auction.auction, per_auction.num
FROM (
  SELECT auction, COUNT(*) AS num, window_start AS wstart, window_end AS wend
  FROM TABLE(HOP(TABLE bid, DESCRIPTOR(date_time), INTERVAL '2' SECOND, INTERVAL '10' SECOND))
  GROUP BY auction, window_start, window_end
) AS per_auction
JOIN (
  SELECT MAX(counted.num) AS top_num, counted.wstart, counted.wend
  FROM (
    SELECT COUNT(*) AS num, window_start AS wstart, window_end AS wend
    FROM TABLE(HOP(TABLE bid, DESCRIPTOR(date_time), INTERVAL '2' SECOND, INTERVAL '10' SECOND))
    GROUP BY auction, window_start, window_end
  ) AS counted
  GROUP BY counted.wstart, counted.wend
) AS top_per_window
ON per_auction.wstart = top_per_window.wstart
  AND per_auction.wend = top_per_window.wend
  AND per_auction.num >= top_per_window.top_num;
