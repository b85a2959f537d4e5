-- Page views per URL over 5-second tumbling windows with a 1-second watermark delay. Four rows
-- arrive after their window fired: they are dropped from the results, counted in lateRows and
-- written, as read, to the late-data file.
-- 'late-data.path' is Weir's option (Flink has no late-data side output in SQL); remove it to
-- run this file on Flink, which drops the same four rows.
CREATE TABLE pageviews (
  url STRING,
  user_id STRING,
  ts TIMESTAMP(3),
  WATERMARK FOR ts AS ts - INTERVAL '1' SECOND
) WITH (
  'connector' = 'filesystem',
  'path' = '${input}',
  'format' = 'json',
  'late-data.path' = '${late}'
);

CREATE TABLE url_views (
  url STRING,
  window_start TIMESTAMP(3),
  window_end TIMESTAMP(3),
  views BIGINT
) WITH (
  'connector' = 'filesystem',
  'path' = '${output}',
  'format' = 'json'
);

INSERT INTO url_views
SELECT url, window_start, window_end, COUNT(*) AS views
FROM TABLE(TUMBLE(TABLE pageviews, DESCRIPTOR(ts), INTERVAL '5' SECOND))
GROUP BY url, window_start, window_end;
