-- The exact firing point of a window. With a 2-second delay, a row at 00:00:11.998 brings the
-- watermark to 00:00:09.998: [00:00:00, 00:00:10) has not fired (it fires at end - 1 ms =
-- 00:00:09.999), so the following row at 00:00:09.5 still counts. A row at 00:00:11.999 fires
-- it, and the next row at 00:00:09.999 is late. A row at exactly 00:00:10 or 00:00:20 starts
-- the next window. kwh values are powers of two, so each sum names its rows.
CREATE TABLE meter_readings (
  meter STRING,
  kwh INT,
  ts TIMESTAMP(3),
  WATERMARK FOR ts AS ts - INTERVAL '2' SECOND
) WITH (
  'connector' = 'filesystem',
  'path' = '${input}',
  'format' = 'json'
);

CREATE TABLE meter_usage (
  meter STRING,
  window_start TIMESTAMP(3),
  window_end TIMESTAMP(3),
  readings BIGINT,
  kwh INT
) WITH (
  'connector' = 'filesystem',
  'path' = '${output}',
  'format' = 'json'
);

INSERT INTO meter_usage
SELECT meter, window_start, window_end, COUNT(*) AS readings, SUM(kwh) AS kwh
FROM TABLE(TUMBLE(TABLE meter_readings, DESCRIPTOR(ts), INTERVAL '10' SECOND))
GROUP BY meter, window_start, window_end;
