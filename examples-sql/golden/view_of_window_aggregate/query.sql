-- A view holds a one-minute window aggregate; the INSERT reads the view, keeps windows with at
-- least two distinct users and computes on the aggregates (clicks - users).
CREATE TABLE clicks (
  page STRING,
  user_id STRING,
  ts TIMESTAMP(3),
  WATERMARK FOR ts AS ts - INTERVAL '5' SECOND
) WITH (
  'connector' = 'filesystem',
  'path' = '${input}',
  'format' = 'json'
);

CREATE VIEW clicks_per_minute AS
SELECT page, window_start, window_end,
       COUNT(*) AS clicks, COUNT(DISTINCT user_id) AS users
FROM TABLE(TUMBLE(TABLE clicks, DESCRIPTOR(ts), INTERVAL '1' MINUTE))
GROUP BY page, window_start, window_end;

CREATE TABLE popular_pages (
  page STRING,
  window_start TIMESTAMP(3),
  clicks BIGINT,
  users BIGINT,
  repeat_clicks BIGINT
) WITH (
  'connector' = 'filesystem',
  'path' = '${output}',
  'format' = 'json'
);

INSERT INTO popular_pages
SELECT page, window_start, clicks, users, clicks - users AS repeat_clicks
FROM clicks_per_minute
WHERE users >= 2;
