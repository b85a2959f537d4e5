-- A pass-through INSERT (no window): projection and filter with Calcite's built-in scalar
-- functions. MOD keeps the sign of the dividend (MOD(-10, 7) = -3). Rows out of order by more
-- than the watermark delay are still written: without a window nothing is late.
CREATE TABLE events (
  user_name STRING,
  country STRING,
  delta INT,
  code INT,
  ts TIMESTAMP(3),
  WATERMARK FOR ts AS ts - INTERVAL '1' SECOND
) WITH (
  'connector' = 'filesystem',
  'path' = '${input}',
  'format' = 'json'
);

CREATE TABLE normalized_events (
  user_upper STRING,
  name_length INT,
  country STRING,
  magnitude INT,
  bucket INT,
  tag STRING,
  direction STRING,
  ts TIMESTAMP(3)
) WITH (
  'connector' = 'filesystem',
  'path' = '${output}',
  'format' = 'json'
);

INSERT INTO normalized_events
SELECT UPPER(user_name) AS user_upper,
       CHAR_LENGTH(user_name) AS name_length,
       COALESCE(country, 'unknown') AS country,
       ABS(delta) AS magnitude,
       MOD(code, 7) AS bucket,
       SUBSTRING(user_name FROM 1 FOR 3) || '-' || CAST(code AS STRING) AS tag,
       CASE WHEN delta < 0 THEN 'down' WHEN delta > 0 THEN 'rise' ELSE 'flat' END AS direction,
       ts
FROM events
WHERE code <> 0;
