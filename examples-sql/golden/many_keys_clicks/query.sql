-- 60 clicks from 20 users on 3 devices, grouped by two key columns (user_id, device) over
-- 5-second tumbling windows; timestamps have millisecond fractions and arrive out of order
-- (one row by more than the 2-second delay: late). MAX of the rowtime column gives the time of
-- the last click in each window.
CREATE TABLE clicks (
  user_id STRING,
  device STRING,
  ts TIMESTAMP(3),
  WATERMARK FOR ts AS ts - INTERVAL '2' SECOND
) WITH (
  'connector' = 'filesystem',
  'path' = '${input}',
  'format' = 'json'
);

CREATE TABLE user_device_clicks (
  user_id STRING,
  device STRING,
  window_start TIMESTAMP(3),
  window_end TIMESTAMP(3),
  clicks BIGINT,
  last_click TIMESTAMP(3)
) WITH (
  'connector' = 'filesystem',
  'path' = '${output}',
  'format' = 'json'
);

INSERT INTO user_device_clicks
SELECT user_id, device, window_start, window_end, COUNT(*) AS clicks, MAX(ts) AS last_click
FROM TABLE(TUMBLE(TABLE clicks, DESCRIPTOR(ts), INTERVAL '5' SECOND))
GROUP BY user_id, device, window_start, window_end;
