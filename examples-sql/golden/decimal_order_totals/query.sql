-- DECIMAL(10, 2) amounts: SUM is DECIMAL(38, 2) and exact (0.10 + 0.20 = 0.30, 19.99 + 0.01 +
-- 5.00 = 25.00), MIN and MAX keep DECIMAL(10, 2).
CREATE TABLE orders (
  order_id BIGINT,
  shop STRING,
  amount DECIMAL(10, 2),
  ts TIMESTAMP(3),
  WATERMARK FOR ts AS ts - INTERVAL '2' SECOND
) WITH (
  'connector' = 'filesystem',
  'path' = '${input}',
  'format' = 'json'
);

CREATE TABLE shop_totals (
  shop STRING,
  window_start TIMESTAMP(3),
  window_end TIMESTAMP(3),
  orders BIGINT,
  total DECIMAL(38, 2),
  smallest DECIMAL(10, 2),
  largest DECIMAL(10, 2)
) WITH (
  'connector' = 'filesystem',
  'path' = '${output}',
  'format' = 'json'
);

INSERT INTO shop_totals
SELECT shop, window_start, window_end,
       COUNT(*) AS orders, SUM(amount) AS total, MIN(amount) AS smallest, MAX(amount) AS largest
FROM TABLE(TUMBLE(TABLE orders, DESCRIPTOR(ts), INTERVAL '10' SECOND))
GROUP BY shop, window_start, window_end;
