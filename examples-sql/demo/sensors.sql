-- The demo: sensor readings arrive on the Kafka topic 'sensor-readings' (the demo's generator
-- writes them: four sites, three sensors each, some readings out of order, a few late).
-- Run it with ./weir demo, or against any server: weir sql -f examples-sql/demo/sensors.sql

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

-- Every 10 seconds of event time, per site: how many readings, the mean and the peak
-- temperature, and the mean humidity. A window's row appears once the watermark passes its end.
SELECT
  window_start,
  window_end,
  site,
  COUNT(*)         AS readings,
  AVG(temperature) AS avg_temp,
  MAX(temperature) AS max_temp,
  AVG(humidity)    AS avg_humidity
FROM TABLE(TUMBLE(TABLE readings, DESCRIPTOR(ts), INTERVAL '10' SECOND))
GROUP BY window_start, window_end, site;
