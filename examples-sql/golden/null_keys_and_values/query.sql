-- NULL keys and NULL values. Rows whose sensor_id is null (or missing from the JSON object,
-- which the json format reads as null) form one group of their own. COUNT(*) counts rows,
-- COUNT(x) skips NULLs; SUM, MIN, MAX and AVG ignore NULLs and are NULL when every value is
-- (sensor s2 reports no temperature at all).
CREATE TABLE readings (
  sensor_id STRING,
  temperature INT,
  humidity INT,
  ts TIMESTAMP(3),
  WATERMARK FOR ts AS ts - INTERVAL '2' SECOND
) WITH (
  'connector' = 'filesystem',
  'path' = '${input}',
  'format' = 'json'
);

CREATE TABLE sensor_summary (
  sensor_id STRING,
  window_start TIMESTAMP(3),
  window_end TIMESTAMP(3),
  all_rows BIGINT,
  temp_count BIGINT,
  temp_sum INT,
  temp_min INT,
  temp_max INT,
  temp_avg INT,
  humidity_count BIGINT
) WITH (
  'connector' = 'filesystem',
  'path' = '${output}',
  'format' = 'json'
);

INSERT INTO sensor_summary
SELECT sensor_id, window_start, window_end,
       COUNT(*), COUNT(temperature), SUM(temperature), MIN(temperature), MAX(temperature),
       AVG(temperature), COUNT(humidity)
FROM TABLE(TUMBLE(TABLE readings, DESCRIPTOR(ts), INTERVAL '10' SECOND))
GROUP BY sensor_id, window_start, window_end;
