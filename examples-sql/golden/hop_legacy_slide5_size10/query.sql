-- Legacy group-window syntax for hopping windows: GROUP BY HOP(ts, slide, size) with
-- HOP_START / HOP_END; windows of 10 s every 5 s, so every event is in exactly 2 windows.
CREATE TABLE traffic (
  device STRING,
  bytes BIGINT,
  ts TIMESTAMP(3),
  WATERMARK FOR ts AS ts - INTERVAL '2' SECOND
) WITH (
  'connector' = 'filesystem',
  'path' = '${input}',
  'format' = 'json'
);

CREATE TABLE device_traffic (
  device STRING,
  window_start TIMESTAMP(3),
  window_end TIMESTAMP(3),
  events BIGINT,
  total_bytes BIGINT,
  max_bytes BIGINT
) WITH (
  'connector' = 'filesystem',
  'path' = '${output}',
  'format' = 'json'
);

INSERT INTO device_traffic
SELECT device,
       HOP_START(ts, INTERVAL '5' SECOND, INTERVAL '10' SECOND),
       HOP_END(ts, INTERVAL '5' SECOND, INTERVAL '10' SECOND),
       COUNT(*),
       SUM(bytes),
       MAX(bytes)
FROM traffic
GROUP BY HOP(ts, INTERVAL '5' SECOND, INTERVAL '10' SECOND), device;
