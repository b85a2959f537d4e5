-- Clicks per page over HOP windows of 10 s every 3 s (window TVF, positional arguments:
-- slide before size). 10 is not a multiple of 3, so an event is in 3 or 4 windows.
-- Note: Flink's TVF window aggregation refuses a size that is not a multiple of the slide
-- ("HOP table function based aggregate requires size must be an integral multiple of slide");
-- Weir accepts it, and the rows below follow the same per-window semantics as Flink's legacy
-- GROUP BY HOP(...) operator, which assigns each event to every window that contains it.
CREATE TABLE clicks (
  user_id STRING,
  page STRING,
  ts TIMESTAMP(3),
  WATERMARK FOR ts AS ts - INTERVAL '2' SECOND
) WITH (
  'connector' = 'filesystem',
  'path' = '${input}',
  'format' = 'json'
);

CREATE TABLE page_clicks (
  page STRING,
  window_start TIMESTAMP(3),
  window_end TIMESTAMP(3),
  clicks BIGINT
) WITH (
  'connector' = 'filesystem',
  'path' = '${output}',
  'format' = 'json'
);

INSERT INTO page_clicks
SELECT page, window_start, window_end, COUNT(*) AS clicks
FROM TABLE(HOP(TABLE clicks, DESCRIPTOR(ts), INTERVAL '3' SECOND, INTERVAL '10' SECOND))
GROUP BY page, window_start, window_end;
