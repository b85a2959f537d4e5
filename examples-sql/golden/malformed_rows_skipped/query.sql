-- Flink's 'json.ignore-parse-errors' = 'true': a line that is not JSON (or is cut short) is
-- skipped and counted as malformed; a value that does not fit its column's type becomes NULL
-- and the row is kept (Flink's JsonToRowDataConverters.wrapIntoNullableConverter), so the
-- "hot" reading counts in COUNT(*) but not in SUM. A skipped line does not move the watermark:
-- the cut-short line stamped 00:00:30 must not make the row at 00:00:09 late.
CREATE TABLE readings (
  sensor_id STRING,
  temperature INT,
  ts TIMESTAMP(3),
  WATERMARK FOR ts AS ts - INTERVAL '2' SECOND
) WITH (
  'connector' = 'filesystem',
  'path' = '${input}',
  'format' = 'json',
  'json.ignore-parse-errors' = 'true'
);

CREATE TABLE sensor_totals (
  sensor_id STRING,
  window_start TIMESTAMP(3),
  window_end TIMESTAMP(3),
  readings BIGINT,
  total INT
) WITH (
  'connector' = 'filesystem',
  'path' = '${output}',
  'format' = 'json'
);

INSERT INTO sensor_totals
SELECT sensor_id, window_start, window_end, COUNT(*) AS readings, SUM(temperature) AS total
FROM TABLE(TUMBLE(TABLE readings, DESCRIPTOR(ts), INTERVAL '10' SECOND))
GROUP BY sensor_id, window_start, window_end;
