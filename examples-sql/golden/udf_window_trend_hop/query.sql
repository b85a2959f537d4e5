-- A user window function: every row of each HOP window (6 s every 2 s), sorted by event time,
-- goes to trend(ts, v), the least-squares slope per second. Row 4 arrives out of order within
-- the watermark delay and takes its place in time; row 10 is late for every window and dropped.
-- Weir: 'weir-examples' names examples-sql/udf's jar, uploaded before the case runs.
CREATE FUNCTION trend AS 'io.weir.examples.udf.Trend' USING JAR 'weir-examples';

CREATE TABLE levels (
  tank STRING,
  v DOUBLE,
  ts TIMESTAMP(3),
  WATERMARK FOR ts AS ts - INTERVAL '2' SECOND
) WITH (
  'connector' = 'filesystem',
  'path' = '${input}',
  'format' = 'json'
);

CREATE TABLE trends (
  tank STRING,
  window_start TIMESTAMP(3),
  window_end TIMESTAMP(3),
  readings BIGINT,
  slope DOUBLE
) WITH (
  'connector' = 'filesystem',
  'path' = '${output}',
  'format' = 'json'
);

INSERT INTO trends
SELECT tank, window_start, window_end, COUNT(*) AS readings, trend(ts, v) AS slope
FROM TABLE(HOP(TABLE levels, DESCRIPTOR(ts), INTERVAL '2' SECOND, INTERVAL '6' SECOND))
GROUP BY tank, window_start, window_end;
