-- A pass-through INSERT with timestamp arithmetic and comparisons: TIMESTAMP(3) +/- INTERVAL
-- (rolling over midnight), EXTRACT, and a WHERE against TIMESTAMP literals (both bounds exact).
CREATE TABLE events (
  event_id STRING,
  ts TIMESTAMP(3),
  WATERMARK FOR ts AS ts - INTERVAL '2' SECOND
) WITH (
  'connector' = 'filesystem',
  'path' = '${input}',
  'format' = 'json'
);

CREATE TABLE shifted_events (
  event_id STRING,
  ts TIMESTAMP(3),
  ts_next_hour TIMESTAMP(3),
  ts_earlier TIMESTAMP(3),
  minute_of_hour BIGINT
) WITH (
  'connector' = 'filesystem',
  'path' = '${output}',
  'format' = 'json'
);

INSERT INTO shifted_events
SELECT event_id,
       ts,
       ts + INTERVAL '1' HOUR AS ts_next_hour,
       ts - INTERVAL '90' SECOND AS ts_earlier,
       EXTRACT(MINUTE FROM ts) AS minute_of_hour
FROM events
WHERE ts >= TIMESTAMP '2024-01-01 00:00:05' AND ts < TIMESTAMP '2024-01-01 23:30:00';
