-- CASE and arithmetic before the aggregation (a size class and a line total per order,
-- computed on the rows of the window TVF) and after it (a tier, a score and a remainder
-- computed on the aggregates). The CASE labels have equal lengths so that no CHAR padding
-- question arises.
CREATE TABLE orders (
  order_id STRING,
  price_cents INT,
  qty INT,
  discount_cents INT,
  ts TIMESTAMP(3),
  WATERMARK FOR ts AS ts - INTERVAL '2' SECOND
) WITH (
  'connector' = 'filesystem',
  'path' = '${input}',
  'format' = 'json'
);

CREATE TABLE order_classes (
  size_class STRING,
  window_start TIMESTAMP(3),
  window_end TIMESTAMP(3),
  orders BIGINT,
  revenue INT,
  tier STRING,
  score INT,
  remainder INT
) WITH (
  'connector' = 'filesystem',
  'path' = '${output}',
  'format' = 'json'
);

INSERT INTO order_classes
SELECT size_class, window_start, window_end,
       COUNT(*) AS orders,
       SUM(line_total) AS revenue,
       CASE WHEN SUM(line_total) >= 8000 THEN 'gold' ELSE 'base' END AS tier,
       SUM(line_total) * 2 + COUNT(*) AS score,
       MOD(SUM(line_total), 1000) AS remainder
FROM (
  SELECT window_start, window_end,
         CASE
           WHEN price_cents * qty >= 5000 THEN 'big'
           WHEN price_cents * qty >= 1000 THEN 'mid'
           ELSE 'low'
         END AS size_class,
         price_cents * qty - discount_cents AS line_total
  FROM TABLE(TUMBLE(TABLE orders, DESCRIPTOR(ts), INTERVAL '10' SECOND))
) AS o
GROUP BY size_class, window_start, window_end;
