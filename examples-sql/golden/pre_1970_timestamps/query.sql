-- Timestamps before 1970 (negative epoch milliseconds): window starts are floor(ts / size) *
-- size, so 1969-12-31 23:59:41 is in [23:59:40, 23:59:50), not in a window rounded toward zero.
-- The row at 23:59:58 counts (watermark 23:59:59.001); the row at 23:59:59 comes after the
-- watermark reached 00:00:00 and [23:59:50, 00:00:00) fired at 23:59:59.999: late.
CREATE TABLE tide_gauges (
  station STRING,
  water_level INT,
  ts TIMESTAMP(3),
  WATERMARK FOR ts AS ts - INTERVAL '2' SECOND
) WITH (
  'connector' = 'filesystem',
  'path' = '${input}',
  'format' = 'json'
);

CREATE TABLE station_levels (
  station STRING,
  window_start TIMESTAMP(3),
  window_end TIMESTAMP(3),
  readings BIGINT,
  level_sum INT
) WITH (
  'connector' = 'filesystem',
  'path' = '${output}',
  'format' = 'json'
);

INSERT INTO station_levels
SELECT station, window_start, window_end, COUNT(*) AS readings, SUM(water_level) AS level_sum
FROM TABLE(TUMBLE(TABLE tide_gauges, DESCRIPTOR(ts), INTERVAL '10' SECOND))
GROUP BY station, window_start, window_end;
