-- Nexmark q11, user sessions: how many bids each bidder made in each of their sessions, a session
-- being bids less than 10 s apart (a SESSION window per bidder, gap 10 s); one row per session when
-- the watermark passes its last bid's time plus the gap (every session, when the input has ended).
CREATE STREAM nexmark_q11 (
  bidder BIGINT,
  bid_count BIGINT,
  starttime TIMESTAMP(3),
  endtime TIMESTAMP(3)
);

CREATE PIPELINE nexmark_q11_pipeline AS
INSERT INTO nexmark_q11
SELECT bidder, COUNT(*) AS bid_count, window_start AS starttime, window_end AS endtime
FROM TABLE(SESSION(TABLE bid, DESCRIPTOR(date_time), DESCRIPTOR(bidder), INTERVAL '10' SECOND))
GROUP BY bidder, window_start, window_end;
