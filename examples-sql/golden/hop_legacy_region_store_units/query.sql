-- Units sold per (region, store) over HOP windows of 30 s every 10 s, legacy GROUP BY HOP
-- syntax with two key columns, a 5-second watermark delay and rows out of order: the row at
-- 2023-12-31 23:59:58 arrives when [23:59:30, 00:00:00) has fired and counts in its two
-- later windows only; so does the row at 00:00:07.5 (its first window fired) and the row at
-- 00:00:45 (only [00:00:40, 00:01:10) is still open). The row at 00:00:35 is late for all
-- three of its windows.
CREATE TABLE sales (
  region STRING,
  store STRING,
  units INT,
  ts TIMESTAMP(3),
  WATERMARK FOR ts AS ts - INTERVAL '5' SECOND
) WITH (
  'connector' = 'filesystem',
  'path' = '${input}',
  'format' = 'json'
);

CREATE TABLE store_units (
  region STRING,
  store STRING,
  window_start TIMESTAMP(3),
  window_end TIMESTAMP(3),
  sales BIGINT,
  units INT
) WITH (
  'connector' = 'filesystem',
  'path' = '${output}',
  'format' = 'json'
);

INSERT INTO store_units
SELECT region, store,
       HOP_START(ts, INTERVAL '10' SECOND, INTERVAL '30' SECOND),
       HOP_END(ts, INTERVAL '10' SECOND, INTERVAL '30' SECOND),
       COUNT(*),
       SUM(units)
FROM sales
GROUP BY region, store, HOP(ts, INTERVAL '10' SECOND, INTERVAL '30' SECOND);
