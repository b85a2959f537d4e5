-- -------------------------------------------------------------------------------------------------
-- Query 5: Hot Items -- the windowed count
-- -------------------------------------------------------------------------------------------------
-- Which auctions have seen the most bids in the last period? The original query counts bids per
-- auction over a sliding window of one hour every minute; Flink's version uses 10 seconds every
-- 2 seconds. This is its inner window aggregation, the bids per auction per window (the outer
-- query joins it with its maximum per window, and Weir has no joins yet).
-- -------------------------------------------------------------------------------------------------

CREATE TABLE nexmark_q5 (
  auction  BIGINT,
  num  BIGINT,
  starttime  TIMESTAMP(3),
  endtime  TIMESTAMP(3)
) WITH (
  'connector' = 'blackhole'
);

INSERT INTO nexmark_q5
SELECT
  auction,
  count(*) AS num,
  window_start AS starttime,
  window_end AS endtime
FROM TABLE(
        HOP(TABLE bid, DESCRIPTOR(`dateTime`), INTERVAL '2' SECOND, INTERVAL '10' SECOND))
GROUP BY auction, window_start, window_end;
