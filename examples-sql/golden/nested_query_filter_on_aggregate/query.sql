-- A window aggregate in a sub-query, filtered and computed on in the outer query: windows with
-- more than one reading and a maximum of at least 25, with the range max - min.
CREATE TABLE readings (
  machine STRING,
  temperature INT,
  ts TIMESTAMP(3),
  WATERMARK FOR ts AS ts - INTERVAL '2' SECOND
) WITH (
  'connector' = 'filesystem',
  'path' = '${input}',
  'format' = 'json'
);

CREATE TABLE hot_windows (
  machine STRING,
  window_start TIMESTAMP(3),
  window_end TIMESTAMP(3),
  readings BIGINT,
  temp_range INT
) WITH (
  'connector' = 'filesystem',
  'path' = '${output}',
  'format' = 'json'
);

INSERT INTO hot_windows
SELECT machine, window_start, window_end, readings, max_temp - min_temp AS temp_range
FROM (
  SELECT machine, window_start, window_end,
         COUNT(*) AS readings, MAX(temperature) AS max_temp, MIN(temperature) AS min_temp
  FROM TABLE(TUMBLE(TABLE readings, DESCRIPTOR(ts), INTERVAL '5' SECOND))
  GROUP BY machine, window_start, window_end
) AS w
WHERE readings > 1 AND max_temp >= 25;
