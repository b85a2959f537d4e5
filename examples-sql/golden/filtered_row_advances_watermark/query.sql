-- A WHERE clause between the window TVF and the aggregation. The watermark is taken from every
-- row the source reads, before any filter: the INFO row at 00:00:12.5 is filtered out but still
-- moves the watermark to 00:00:10.5, which fires [00:00:00, 00:00:10); the ERROR row at
-- 00:00:08 that follows it is late.
CREATE TABLE logs (
  device STRING,
  log_level STRING,
  ts TIMESTAMP(3),
  WATERMARK FOR ts AS ts - INTERVAL '2' SECOND
) WITH (
  'connector' = 'filesystem',
  'path' = '${input}',
  'format' = 'json'
);

CREATE TABLE device_errors (
  device STRING,
  window_start TIMESTAMP(3),
  window_end TIMESTAMP(3),
  errors BIGINT
) WITH (
  'connector' = 'filesystem',
  'path' = '${output}',
  'format' = 'json'
);

INSERT INTO device_errors
SELECT device, window_start, window_end, COUNT(*) AS errors
FROM TABLE(TUMBLE(TABLE logs, DESCRIPTOR(ts), INTERVAL '10' SECOND))
WHERE log_level = 'ERROR'
GROUP BY device, window_start, window_end;
