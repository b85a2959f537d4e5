-- A view filters and projects the source (keeping the rowtime column); the window TVF reads
-- the view. Failed, declined and negative payments never reach the windows.
CREATE TABLE payments (
  merchant STRING,
  status STRING,
  amount_cents BIGINT,
  ts TIMESTAMP(3),
  WATERMARK FOR ts AS ts - INTERVAL '2' SECOND
) WITH (
  'connector' = 'filesystem',
  'path' = '${input}',
  'format' = 'json'
);

CREATE VIEW valid_payments AS
SELECT merchant, amount_cents, ts
FROM payments
WHERE status = 'ok' AND amount_cents > 0;

CREATE TABLE merchant_totals (
  merchant STRING,
  window_start TIMESTAMP(3),
  window_end TIMESTAMP(3),
  payments BIGINT,
  total_cents BIGINT
) WITH (
  'connector' = 'filesystem',
  'path' = '${output}',
  'format' = 'json'
);

INSERT INTO merchant_totals
SELECT merchant, window_start, window_end, COUNT(*) AS payments, SUM(amount_cents) AS total_cents
FROM TABLE(TUMBLE(TABLE valid_payments, DESCRIPTOR(ts), INTERVAL '10' SECOND))
GROUP BY merchant, window_start, window_end;
