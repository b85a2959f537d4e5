-- A model function on the worker pool, in batches of 2 rows (SET), with its configuration from
-- CREATE FUNCTION ... WITH: risk_score(amount, country) in WHERE and in MAX() below a TUMBLE
-- window aggregation. The call is made once per row for both uses; rows the WHERE drops still
-- advance the watermark; results keep input order, so windows fire as without a model.
-- Weir: 'weir-examples' names examples-sql/udf's jar, uploaded before the case runs.
CREATE FUNCTION risk_score AS 'io.weir.examples.udf.RiskScore' USING JAR 'weir-examples'
  WITH ('watch' = 'XX,ZZ', 'udf.workers' = '2');

SET 'udf.batch-size' = '2';

CREATE TABLE payments (
  id BIGINT,
  amount DOUBLE,
  country STRING,
  ts TIMESTAMP(3),
  WATERMARK FOR ts AS ts - INTERVAL '1' SECOND
) WITH (
  'connector' = 'filesystem',
  'path' = '${input}',
  'format' = 'json'
);

CREATE TABLE risky (
  country STRING,
  window_start TIMESTAMP(3),
  window_end TIMESTAMP(3),
  risky_payments BIGINT,
  top_risk DOUBLE
) WITH (
  'connector' = 'filesystem',
  'path' = '${output}',
  'format' = 'json'
);

INSERT INTO risky
SELECT country, window_start, window_end, COUNT(*) AS risky_payments,
       MAX(risk_score(amount, country)) AS top_risk
FROM TABLE(TUMBLE(TABLE payments, DESCRIPTOR(ts), INTERVAL '10' SECOND))
WHERE risk_score(amount, country) >= 0.5
GROUP BY country, window_start, window_end;
