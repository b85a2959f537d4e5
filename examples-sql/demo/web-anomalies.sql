-- Web request anomalies: a generator writes web-log events (1,000+ requests per second) to the
-- Kafka topic 'web-requests'; a model function, anomaly_score(...), scores every request with an
-- XGBoost classifier (trained when the example jar was built) on the engine's worker pool, in
-- batches; scores go to the topic 'request-scores', and a TUMBLE(1 minute) count of anomalies
-- per client to 'client-anomalies'.
--
-- Run it with ./weir demo --scenario web, or against any server (upload the jar first):
--   weir jar upload examples-sql/udf/target/weir-examples-udf.jar --name weir-examples
--   weir sql -f examples-sql/demo/web-anomalies.sql

CREATE FUNCTION IF NOT EXISTS anomaly_score AS 'io.weir.examples.udf.AnomalyScore'
  LANGUAGE JAVA USING JAR 'weir-examples'
  WITH ('udf.batch-size' = '256', 'udf.batch-max-delay' = '20 ms', 'udf.on-error' = 'null');

CREATE TABLE requests (
  client_id   STRING,
  http_method STRING,
  path        STRING,
  status      INT,
  latency_ms  DOUBLE,
  bytes       BIGINT,
  ts          TIMESTAMP(3),
  WATERMARK FOR ts AS ts - INTERVAL '2' SECOND
) WITH (
  'connector' = 'kafka',
  'topic' = 'web-requests',
  'scan.startup.mode' = 'earliest-offset',
  'format' = 'json'
);

-- Every request with its score.
CREATE TABLE request_scores (
  client_id STRING,
  path      STRING,
  status    INT,
  ts        TIMESTAMP(3),
  score     DOUBLE
) WITH (
  'connector' = 'kafka',
  'topic' = 'request-scores',
  'format' = 'json'
);

INSERT INTO request_scores
SELECT client_id, path, status, ts,
       anomaly_score(http_method, path, status, latency_ms, bytes)
FROM requests;

-- Anomalies per client and minute.
CREATE TABLE client_anomalies (
  client_id    STRING,
  window_start TIMESTAMP(3),
  window_end   TIMESTAMP(3),
  anomalies    BIGINT,
  worst        DOUBLE
) WITH (
  'connector' = 'kafka',
  'topic' = 'client-anomalies',
  'format' = 'json'
);

INSERT INTO client_anomalies
SELECT client_id, window_start, window_end, COUNT(*),
       MAX(anomaly_score(http_method, path, status, latency_ms, bytes))
FROM TABLE(TUMBLE(TABLE requests, DESCRIPTOR(ts), INTERVAL '1' MINUTE))
WHERE anomaly_score(http_method, path, status, latency_ms, bytes) > 0.8
GROUP BY client_id, window_start, window_end;

-- What the demo shows: the requests the model flags, as they arrive.
SELECT ts, client_id, http_method, path, status, latency_ms, bytes,
       ROUND(anomaly_score(http_method, path, status, latency_ms, bytes), 3) AS score
FROM requests
WHERE anomaly_score(http_method, path, status, latency_ms, bytes) > 0.8;
