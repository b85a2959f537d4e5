-- A pass-through INSERT (no window) that writes a computed TIMESTAMP_LTZ(3) column: the json
-- format writes it in UTC followed by Z, with the fraction trimmed (.5, .25, .007, .12).
-- The table has a watermark, but without a window nothing is late: the row from 1 ms before
-- the new year, far behind the watermark, is written like the others.
CREATE TABLE trades (
  symbol STRING,
  price_cents INT,
  ts_ms BIGINT,
  ts AS TO_TIMESTAMP_LTZ(ts_ms, 3),
  WATERMARK FOR ts AS ts - INTERVAL '1' SECOND
) WITH (
  'connector' = 'filesystem',
  'path' = '${input}',
  'format' = 'json'
);

CREATE TABLE trade_log (
  symbol STRING,
  ts TIMESTAMP_LTZ(3),
  price_cents INT
) WITH (
  'connector' = 'filesystem',
  'path' = '${output}',
  'format' = 'json'
);

INSERT INTO trade_log
SELECT symbol, ts, price_cents
FROM trades
WHERE price_cents > 100;
