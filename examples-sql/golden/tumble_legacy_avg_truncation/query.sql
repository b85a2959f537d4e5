-- Legacy group-window syntax: GROUP BY TUMBLE(ts, size) with TUMBLE_START / TUMBLE_END.
-- AVG of an INT column is an INT that truncates toward zero (-7 / 2 = -3, not -4).
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

CREATE TABLE sensor_averages (
  sensor_id STRING,
  window_start TIMESTAMP(3),
  window_end TIMESTAMP(3),
  readings BIGINT,
  avg_temp INT,
  total INT
) WITH (
  'connector' = 'filesystem',
  'path' = '${output}',
  'format' = 'json'
);

INSERT INTO sensor_averages
SELECT sensor_id,
       TUMBLE_START(ts, INTERVAL '10' SECOND) AS window_start,
       TUMBLE_END(ts, INTERVAL '10' SECOND) AS window_end,
       COUNT(*) AS readings,
       AVG(temperature) AS avg_temp,
       SUM(temperature) AS total
FROM readings
GROUP BY TUMBLE(ts, INTERVAL '10' SECOND), sensor_id;
