-- The demo: live predictions over hopping windows. Sensor readings arrive on the Kafka topic
-- 'sensor-readings' (the demo's generator writes them: four sites, three sensors each, about
-- four readings per second per sensor, some out of order, a few late). Every second, for every
-- sensor, an XGBoost model (trained when the example jar was built) predicts the mean of the
-- next second from the last ten seconds of readings: a window function over HOP(1 s, 10 s).
--
-- Run it with ./weir demo, or against any server (upload the jar first):
--   weir jar upload examples-sql/udf/target/weir-examples-udf.jar --name weir-examples
--   weir sql -f examples-sql/demo/sensors.sql

CREATE FUNCTION IF NOT EXISTS predict_next AS 'io.weir.examples.udf.PredictNext'
  LANGUAGE JAVA USING JAR 'weir-examples';

CREATE TABLE readings (
  sensor_id   STRING,
  site        STRING,
  temperature DOUBLE,
  humidity    DOUBLE,
  ts          TIMESTAMP(3),
  -- Event time: a reading may arrive up to 2 seconds after a later one.
  WATERMARK FOR ts AS ts - INTERVAL '2' SECOND
) WITH (
  'connector' = 'kafka',
  'topic' = 'sensor-readings',
  'scan.startup.mode' = 'earliest-offset',
  'format' = 'json'
);

-- The predictions also go to a Kafka topic, for whoever consumes them.
CREATE TABLE temperature_predictions (
  sensor_id      STRING,
  window_end     TIMESTAMP(3),
  readings       BIGINT,
  avg_temp       DOUBLE,
  predicted_next DOUBLE
) WITH (
  'connector' = 'kafka',
  'topic' = 'temperature-predictions',
  'format' = 'json'
);

INSERT INTO temperature_predictions
SELECT sensor_id, window_end, COUNT(*), AVG(temperature), predict_next(ts, temperature)
FROM TABLE(HOP(TABLE readings, DESCRIPTOR(ts), INTERVAL '1' SECOND, INTERVAL '10' SECOND))
GROUP BY sensor_id, window_start, window_end;

-- What the demo shows: each sensor's last ten seconds and the model's prediction for the next
-- second, every second, as the windows close.
SELECT
  window_end,
  site,
  sensor_id,
  COUNT(*)                      AS readings,
  ROUND(AVG(temperature), 2)    AS avg_temp,
  MAX(temperature)              AS max_temp,
  predict_next(ts, temperature) AS predicted_next
FROM TABLE(HOP(TABLE readings, DESCRIPTOR(ts), INTERVAL '1' SECOND, INTERVAL '10' SECOND))
GROUP BY site, sensor_id, window_start, window_end;
