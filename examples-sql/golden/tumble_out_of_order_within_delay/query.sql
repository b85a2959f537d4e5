-- Orders arrive out of order, but never by more than the 3-second watermark delay allows:
-- every row counts, none is late. Two rows land 1 ms and 0.1 s before the end of
-- [00:00:00, 00:00:05) after later rows were seen.
CREATE TABLE orders (
  customer STRING,
  items INT,
  ts TIMESTAMP(3),
  WATERMARK FOR ts AS ts - INTERVAL '3' SECOND
) WITH (
  'connector' = 'filesystem',
  'path' = '${input}',
  'format' = 'json'
);

CREATE TABLE customer_orders (
  customer STRING,
  window_start TIMESTAMP(3),
  window_end TIMESTAMP(3),
  orders BIGINT,
  items INT
) WITH (
  'connector' = 'filesystem',
  'path' = '${output}',
  'format' = 'json'
);

INSERT INTO customer_orders
SELECT customer, window_start, window_end, COUNT(*) AS orders, SUM(items) AS items
FROM TABLE(TUMBLE(TABLE orders, DESCRIPTOR(ts), INTERVAL '5' SECOND))
GROUP BY customer, window_start, window_end;
