-- HOP window TVF (slide 2 s, size 6 s) over a computed TIMESTAMP_LTZ(3) rowtime
-- (session time zone UTC, see computed_ltz_rowtime_tumble), with AVG of a BIGINT that
-- truncates toward zero in BIGINT. The row at 00:00:02.5 arrives when the watermark is
-- 00:00:05.25: [23:59:58, 00:00:04) has fired, [00:00:00, 00:00:06) and [00:00:02, 00:00:08)
-- have not, so it counts in those two.
CREATE TABLE transfers (
  account STRING,
  delta BIGINT,
  ts_ms BIGINT,
  ts AS TO_TIMESTAMP_LTZ(ts_ms, 3),
  WATERMARK FOR ts AS ts - INTERVAL '2' SECOND
) WITH (
  'connector' = 'filesystem',
  'path' = '${input}',
  'format' = 'json'
);

CREATE TABLE account_flow (
  account STRING,
  window_start TIMESTAMP(3),
  window_end TIMESTAMP(3),
  transfers BIGINT,
  net BIGINT,
  avg_delta BIGINT
) WITH (
  'connector' = 'filesystem',
  'path' = '${output}',
  'format' = 'json'
);

INSERT INTO account_flow
SELECT account, window_start, window_end,
       COUNT(*) AS transfers, SUM(delta) AS net, AVG(delta) AS avg_delta
FROM TABLE(HOP(TABLE transfers, DESCRIPTOR(ts), INTERVAL '2' SECOND, INTERVAL '6' SECOND))
GROUP BY account, window_start, window_end;
