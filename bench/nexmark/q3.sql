-- Nexmark q3, local item suggestion: who sells in category 10 from Oregon, Idaho or California.
-- An unwindowed (regular) stream-stream join of auctions with persons on seller = person id: a
-- row appears whichever side arrives first, so it is an inner join of two append-only inputs and
-- its result is append-only.
CREATE STREAM nexmark_q3 (
  name VARCHAR,
  city VARCHAR,
  state VARCHAR,
  id BIGINT
);

CREATE PIPELINE nexmark_q3_pipeline AS
INSERT INTO nexmark_q3
SELECT p.name, p.city, p.state, a.id
FROM auction AS a
JOIN person AS p ON a.seller = p.id
WHERE a.category = 10 AND p.state IN ('OR', 'ID', 'CA');
