-- HAVING on a window aggregate: only windows with at least 3 readings and a maximum above 25.
-- Sensor c fails on the count, sensor a in the second window on the maximum.
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

CREATE TABLE busy_sensors (
  sensor_id STRING,
  window_start TIMESTAMP(3),
  window_end TIMESTAMP(3),
  readings BIGINT,
  max_temp INT
) WITH (
  'connector' = 'filesystem',
  'path' = '${output}',
  'format' = 'json'
);

INSERT INTO busy_sensors
SELECT sensor_id, window_start, window_end, COUNT(*) AS readings, MAX(temperature) AS max_temp
FROM TABLE(TUMBLE(TABLE readings, DESCRIPTOR(ts), INTERVAL '10' SECOND))
GROUP BY sensor_id, window_start, window_end
HAVING COUNT(*) >= 3 AND MAX(temperature) > 25;
