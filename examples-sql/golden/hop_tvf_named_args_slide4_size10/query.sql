-- Revenue per store over HOP windows of 10 s every 4 s, window TVF with named arguments.
-- 10 is not a multiple of 4: an event is in 2 or 3 windows. One row arrives 1.25 s out of
-- order, within the 2-second watermark delay, and still counts everywhere.
-- (Flink's TVF aggregation needs size % slide = 0; see hop_tvf_slide3_size10/query.sql.)
CREATE TABLE orders (
  order_id BIGINT,
  store STRING,
  amount INT,
  ts TIMESTAMP(3),
  WATERMARK FOR ts AS ts - INTERVAL '2' SECOND
) WITH (
  'connector' = 'filesystem',
  'path' = '${input}',
  'format' = 'json'
);

CREATE TABLE store_revenue (
  store STRING,
  window_start TIMESTAMP(3),
  window_end TIMESTAMP(3),
  orders BIGINT,
  revenue INT
) WITH (
  'connector' = 'filesystem',
  'path' = '${output}',
  'format' = 'json'
);

INSERT INTO store_revenue
SELECT store, window_start, window_end, COUNT(*) AS orders, SUM(amount) AS revenue
FROM TABLE(
  HOP(
    DATA => TABLE orders,
    TIMECOL => DESCRIPTOR(ts),
    SLIDE => INTERVAL '4' SECOND,
    SIZE => INTERVAL '10' SECOND))
GROUP BY store, window_start, window_end;
