-- Joins are not supported: the INSERT must fail with an error that names joins.
CREATE TABLE readings (
  sensor_id STRING,
  temperature INT,
  ts TIMESTAMP(3),
  WATERMARK FOR ts AS ts - INTERVAL '2' SECOND
) WITH (
  'connector' = 'filesystem',
  'path' = '${input}',
  'format' = 'json'
);

CREATE TABLE sensors (
  sensor_id STRING,
  room STRING
) WITH (
  'connector' = 'filesystem',
  'path' = '${input}',
  'format' = 'json'
);

CREATE TABLE readings_with_room (
  sensor_id STRING,
  room STRING,
  temperature INT
) WITH (
  'connector' = 'filesystem',
  'path' = '${output}',
  'format' = 'json'
);

INSERT INTO readings_with_room
SELECT r.sensor_id, s.room, r.temperature
FROM readings AS r JOIN sensors AS s ON r.sensor_id = s.sensor_id;
