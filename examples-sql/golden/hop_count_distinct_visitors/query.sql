-- COUNT(DISTINCT user_id) over HOP windows of 10 s every 5 s. A user seen in both halves of a
-- window counts once (u3 in /docs [00:00:05, 00:00:15)); NULL user ids count as views but not
-- as visitors.
CREATE TABLE pageviews (
  page STRING,
  user_id STRING,
  ts TIMESTAMP(3),
  WATERMARK FOR ts AS ts - INTERVAL '2' SECOND
) WITH (
  'connector' = 'filesystem',
  'path' = '${input}',
  'format' = 'json'
);

CREATE TABLE page_visitors (
  page STRING,
  window_start TIMESTAMP(3),
  window_end TIMESTAMP(3),
  views BIGINT,
  visitors BIGINT,
  identified_views BIGINT
) WITH (
  'connector' = 'filesystem',
  'path' = '${output}',
  'format' = 'json'
);

INSERT INTO page_visitors
SELECT page, window_start, window_end,
       COUNT(*) AS views, COUNT(DISTINCT user_id) AS visitors, COUNT(user_id) AS identified_views
FROM TABLE(HOP(TABLE pageviews, DESCRIPTOR(ts), INTERVAL '5' SECOND, INTERVAL '10' SECOND))
GROUP BY page, window_start, window_end;
