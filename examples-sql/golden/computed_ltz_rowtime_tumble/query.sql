-- The rowtime is a computed TIMESTAMP_LTZ(3) column made from epoch milliseconds. Windows of a
-- TIMESTAMP_LTZ rowtime are aligned in the session time zone and window_start / window_end are
-- TIMESTAMP(3) in that zone; this case assumes UTC ('table.local-time-zone' = 'UTC' on Flink).
-- 1704067200000 is 2024-01-01 00:00:00 UTC. The row at ...204000 (00:00:04) arrives when the
-- watermark is 00:00:07: late.
CREATE TABLE trades (
  symbol STRING,
  volume BIGINT,
  ts_ms BIGINT,
  ts AS TO_TIMESTAMP_LTZ(ts_ms, 3),
  WATERMARK FOR ts AS ts - INTERVAL '2' SECOND
) WITH (
  'connector' = 'filesystem',
  'path' = '${input}',
  'format' = 'json'
);

CREATE TABLE symbol_volume (
  symbol STRING,
  window_start TIMESTAMP(3),
  window_end TIMESTAMP(3),
  trades BIGINT,
  volume BIGINT
) WITH (
  'connector' = 'filesystem',
  'path' = '${output}',
  'format' = 'json'
);

INSERT INTO symbol_volume
SELECT symbol, window_start, window_end, COUNT(*) AS trades, SUM(volume) AS volume
FROM TABLE(TUMBLE(TABLE trades, DESCRIPTOR(ts), INTERVAL '5' SECOND))
GROUP BY symbol, window_start, window_end;
