-- A user aggregate with two arguments (an input record), over HOP windows of 10 s every 5 s:
-- each window merges the accumulators of its two slices, and a slice's accumulator serves two
-- windows. A row with a NULL quantity is skipped (the parameter is a primitive double).
-- Weir: 'weir-examples' names examples-sql/udf's jar, uploaded before the case runs.
CREATE FUNCTION weighted_mean AS 'io.weir.examples.udf.WeightedMean' USING JAR 'weir-examples';

CREATE TABLE trades (
  item STRING,
  price DOUBLE,
  qty DOUBLE,
  ts TIMESTAMP(3),
  WATERMARK FOR ts AS ts - INTERVAL '1' SECOND
) WITH (
  'connector' = 'filesystem',
  'path' = '${input}',
  'format' = 'json'
);

CREATE TABLE vwap (
  item STRING,
  window_start TIMESTAMP(3),
  window_end TIMESTAMP(3),
  trades BIGINT,
  avg_price DOUBLE
) WITH (
  'connector' = 'filesystem',
  'path' = '${output}',
  'format' = 'json'
);

INSERT INTO vwap
SELECT item, window_start, window_end, COUNT(*) AS trades, weighted_mean(price, qty) AS avg_price
FROM TABLE(HOP(TABLE trades, DESCRIPTOR(ts), INTERVAL '5' SECOND, INTERVAL '10' SECOND))
GROUP BY item, window_start, window_end;
