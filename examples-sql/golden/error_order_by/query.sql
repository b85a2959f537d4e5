-- ORDER BY on an unbounded stream is not supported: the INSERT must fail with an error that
-- names ORDER BY, before any query starts.
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

CREATE TABLE sorted_readings (
  sensor_id STRING,
  temperature INT
) WITH (
  'connector' = 'filesystem',
  'path' = '${output}',
  'format' = 'json'
);

INSERT INTO sorted_readings
SELECT sensor_id, temperature FROM readings ORDER BY temperature;
