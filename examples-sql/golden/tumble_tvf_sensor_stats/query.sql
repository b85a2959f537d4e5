-- Per-sensor statistics over 10-second tumbling windows, window TVF syntax.
-- A row at exactly 00:00:10 belongs to [00:00:10, 00:00:20); [00:00:30, 00:00:40) is empty
-- and emits nothing.
CREATE TABLE readings (
  sensor_id STRING,
  temperature INT,
  ts TIMESTAMP(3),
  WATERMARK FOR ts AS ts - INTERVAL '2' SECOND
) WITH (
  'connector' = 'filesystem',
  'path' = '${input}',
  'format' = 'json'
);

CREATE TABLE sensor_stats (
  sensor_id STRING,
  window_start TIMESTAMP(3),
  window_end TIMESTAMP(3),
  readings BIGINT,
  total INT,
  min_temp INT,
  max_temp INT
) WITH (
  'connector' = 'filesystem',
  'path' = '${output}',
  'format' = 'json'
);

INSERT INTO sensor_stats
SELECT sensor_id, window_start, window_end,
       COUNT(*), SUM(temperature), MIN(temperature), MAX(temperature)
FROM TABLE(TUMBLE(TABLE readings, DESCRIPTOR(ts), INTERVAL '10' SECOND))
GROUP BY sensor_id, window_start, window_end;
