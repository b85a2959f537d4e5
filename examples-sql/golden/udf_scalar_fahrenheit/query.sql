-- A scalar user function from the example jar, with two overloads (one and two arguments),
-- in the projection and in WHERE. A NULL for its primitive parameter gives NULL without a call.
-- Weir: 'weir-examples' names examples-sql/udf's jar, uploaded before the case runs (in Flink,
-- USING JAR takes the jar's path, and the class would implement Flink's ScalarFunction).
CREATE FUNCTION to_fahrenheit AS 'io.weir.examples.udf.ToFahrenheit' LANGUAGE JAVA
  USING JAR 'weir-examples';

CREATE TABLE readings (
  sensor STRING,
  celsius DOUBLE,
  ts TIMESTAMP(3)
) WITH (
  'connector' = 'filesystem',
  'path' = '${input}',
  'format' = 'json'
);

CREATE TABLE converted (
  sensor STRING,
  celsius DOUBLE,
  fahrenheit DOUBLE,
  label STRING
) WITH (
  'connector' = 'filesystem',
  'path' = '${output}',
  'format' = 'json'
);

INSERT INTO converted
SELECT sensor, celsius, to_fahrenheit(celsius) AS fahrenheit,
       to_fahrenheit(celsius, 'F') AS label
FROM readings
WHERE celsius IS NULL OR to_fahrenheit(celsius) > 32;
