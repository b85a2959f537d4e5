-- -------------------------------------------------------------------------------------------------
-- Query 7: Highest Bid -- the windowed maximum
-- -------------------------------------------------------------------------------------------------
-- What are the highest bids per period? Flink's version uses 10-second tumbling windows. This is
-- its inner window aggregation, the highest price per window (the outer query joins it back to
-- the bids, and Weir has no joins yet).
-- -------------------------------------------------------------------------------------------------

CREATE TABLE nexmark_q7 (
  maxprice  BIGINT,
  `dateTime`  TIMESTAMP(3)
) WITH (
  'connector' = 'blackhole'
);

INSERT INTO nexmark_q7
SELECT MAX(price) AS maxprice, window_end AS `dateTime`
FROM TABLE(
        TUMBLE(TABLE bid, DESCRIPTOR(`dateTime`), INTERVAL '10' SECOND))
GROUP BY window_start, window_end;
