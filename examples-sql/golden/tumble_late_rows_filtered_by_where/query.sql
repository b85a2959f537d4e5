-- Error log lines per service over 5-second tumbling windows with a 1-second watermark delay.
-- Four lines arrive after their window fired; two of them are INFO lines that the WHERE clause
-- drops anyway. As in Flink (where the window operator, after the filter, drops late rows), only
-- the two late ERROR lines count as late and go to the late-data file; the late INFO lines are
-- just filtered.
-- 'late-data.path' is Weir's option (Flink has no late-data side output in SQL); remove it to
-- run this file on Flink, whose numLateRecordsDropped counts the same two rows.
CREATE TABLE logs (
  service STRING,
  log_level STRING,
  ts TIMESTAMP(3),
  WATERMARK FOR ts AS ts - INTERVAL '1' SECOND
) WITH (
  'connector' = 'filesystem',
  'path' = '${input}',
  'format' = 'json',
  'late-data.path' = '${late}'
);

CREATE TABLE error_counts (
  service STRING,
  window_start TIMESTAMP(3),
  window_end TIMESTAMP(3),
  errors BIGINT
) WITH (
  'connector' = 'filesystem',
  'path' = '${output}',
  'format' = 'json'
);

INSERT INTO error_counts
SELECT service, window_start, window_end, COUNT(*) AS errors
FROM TABLE(TUMBLE(TABLE logs, DESCRIPTOR(ts), INTERVAL '5' SECOND))
WHERE log_level = 'ERROR'
GROUP BY service, window_start, window_end;
