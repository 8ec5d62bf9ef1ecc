-- Nexmark q8, monitor new users: persons who registered and opened an auction within the same
-- 10 s tumbling window (epoch-aligned, [start, end)); one row per such person and window, with the
-- window's start. Two windowed aggregates joined on the window: a window join.
CREATE STREAM nexmark_q8 (
  id BIGINT,
  name VARCHAR,
  stime TIMESTAMP(3)
);

CREATE PIPELINE nexmark_q8_pipeline AS
INSERT INTO nexmark_q8
SELECT p.id, p.name, p.wstart
FROM (
  SELECT id, name, window_start AS wstart, window_end AS wend
  FROM TABLE(TUMBLE(TABLE person, DESCRIPTOR(date_time), INTERVAL '10' SECOND))
  GROUP BY id, name, window_start, window_end
) AS p
JOIN (
  SELECT seller, window_start AS wstart, window_end AS wend
  FROM TABLE(TUMBLE(TABLE auction, DESCRIPTOR(date_time), INTERVAL '10' SECOND))
  GROUP BY seller, window_start, window_end
) AS a
ON p.id = a.seller AND p.wstart = a.wstart AND p.wend = a.wend;
