-- An aggregation without a window would need updating results (a changelog), which a
-- filesystem sink cannot take and Weir does not support: the INSERT must fail with an error
-- that says a window is needed.
CREATE TABLE readings (
  sensor_id STRING,
  temperature INT,
  ts TIMESTAMP(3),
  WATERMARK FOR ts AS ts - INTERVAL '2' SECOND
) WITH (
  'connector' = 'filesystem',
  'path' = '${input}',
  'format' = 'json'
);

CREATE TABLE sensor_counts (
  sensor_id STRING,
  readings BIGINT
) WITH (
  'connector' = 'filesystem',
  'path' = '${output}',
  'format' = 'json'
);

INSERT INTO sensor_counts
SELECT sensor_id, COUNT(*) FROM readings GROUP BY sensor_id;
