-- Part of Nexmark q7 (not a Nexmark query of its own): the highest bid price of each 10 s
-- tumbling window, the right side of q7's join. A global window: every partition's rows meet in one.
CREATE STREAM nexmark_q7_max (
  max_price BIGINT,
  wend TIMESTAMP(3)
);

CREATE PIPELINE nexmark_q7_max_pipeline AS
INSERT INTO nexmark_q7_max
SELECT MAX(price) AS max_price, window_end AS wend
FROM TABLE(TUMBLE(TABLE bid, DESCRIPTOR(date_time), INTERVAL '10' SECOND))
GROUP BY window_start, window_end;
