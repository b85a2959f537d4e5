-- HOP windows of 10 s every 3 s (legacy GROUP BY HOP syntax), 2-second watermark delay, with
-- rows that are late for SOME of their windows: such a row still counts in the windows that
-- have not fired yet. Two rows are late for all their windows: dropped, counted in lateRows,
-- and written to the late-data file, which the query property 'late-data.path' names (a plain
-- SET, so the file stays Flink SQL; Flink ignores the unknown key and drops the same rows).
-- See notes.md for the row-by-row reasoning.
SET 'late-data.path' = '${late}';

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

CREATE TABLE sensor_peaks (
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

INSERT INTO sensor_peaks
SELECT sensor_id,
       HOP_START(ts, INTERVAL '3' SECOND, INTERVAL '10' SECOND) AS window_start,
       HOP_END(ts, INTERVAL '3' SECOND, INTERVAL '10' SECOND) AS window_end,
       COUNT(*) AS readings,
       MAX(temperature) AS max_temp
FROM readings
GROUP BY HOP(ts, INTERVAL '3' SECOND, INTERVAL '10' SECOND), sensor_id;
