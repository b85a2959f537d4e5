-- HOP TVF with windows of 10 s every 2 s (size a multiple of slide, so Flink's slicing window
-- aggregation runs it too) and a 1-second watermark delay. Row 00:00:04 arrives when the
-- watermark is 00:00:12: four of its five windows have fired, [00:00:04, 00:00:14) has not,
-- so it counts there only. Row 00:00:03 is late for all five: dropped.
-- Row 00:00:12.5 (watermark 00:00:19) counts only in [10, 20) and [12, 22).
CREATE TABLE readings (
  sensor_id STRING,
  temperature INT,
  ts TIMESTAMP(3),
  WATERMARK FOR ts AS ts - INTERVAL '1' SECOND
) WITH (
  'connector' = 'filesystem',
  'path' = '${input}',
  'format' = 'json'
);

CREATE TABLE sensor_lows (
  sensor_id STRING,
  window_start TIMESTAMP(3),
  window_end TIMESTAMP(3),
  readings BIGINT,
  min_temp INT
) WITH (
  'connector' = 'filesystem',
  'path' = '${output}',
  'format' = 'json'
);

INSERT INTO sensor_lows
SELECT sensor_id, window_start, window_end, COUNT(*) AS readings, MIN(temperature) AS min_temp
FROM TABLE(HOP(TABLE readings, DESCRIPTOR(ts), INTERVAL '2' SECOND, INTERVAL '10' SECOND))
GROUP BY sensor_id, window_start, window_end;
