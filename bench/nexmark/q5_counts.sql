-- Part of Nexmark q5 (not a Nexmark query of its own): the number of bids per auction in each
-- hopping window of 10 s every 2 s, the first input of q5's join. It runs before joins do, and
-- checks the windows, the watermark and the partial flush of open streams on the Nexmark data.
CREATE STREAM nexmark_q5_counts (
  auction BIGINT,
  num BIGINT,
  wstart TIMESTAMP(3),
  wend TIMESTAMP(3)
);

CREATE PIPELINE nexmark_q5_counts_pipeline AS
INSERT INTO nexmark_q5_counts
SELECT auction, COUNT(*) AS num, window_start AS wstart, window_end AS wend
FROM TABLE(HOP(TABLE bid, DESCRIPTOR(date_time), INTERVAL '2' SECOND, INTERVAL '10' SECOND))
GROUP BY auction, window_start, window_end;
