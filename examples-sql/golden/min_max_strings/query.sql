-- MIN and MAX of strings compare by code unit ('Zed' < 'alice' because upper case sorts first;
-- 'dave' < 'dave2'), skip NULLs and give NULL for a window of NULLs; scalar functions apply to
-- the aggregates afterwards (UPPER, COALESCE).
CREATE TABLE visits (
  room STRING,
  visitor STRING,
  ts TIMESTAMP(3),
  WATERMARK FOR ts AS ts - INTERVAL '2' SECOND
) WITH (
  'connector' = 'filesystem',
  'path' = '${input}',
  'format' = 'json'
);

CREATE TABLE room_visitors (
  room STRING,
  window_start TIMESTAMP(3),
  window_end TIMESTAMP(3),
  visits BIGINT,
  first_name STRING,
  last_name STRING,
  last_upper STRING,
  first_or_none STRING
) WITH (
  'connector' = 'filesystem',
  'path' = '${output}',
  'format' = 'json'
);

INSERT INTO room_visitors
SELECT room, window_start, window_end,
       COUNT(*) AS visits,
       MIN(visitor) AS first_name,
       MAX(visitor) AS last_name,
       UPPER(MAX(visitor)) AS last_upper,
       COALESCE(MIN(visitor), 'none') AS first_or_none
FROM TABLE(TUMBLE(TABLE visits, DESCRIPTOR(ts), INTERVAL '10' SECOND))
GROUP BY room, window_start, window_end;
