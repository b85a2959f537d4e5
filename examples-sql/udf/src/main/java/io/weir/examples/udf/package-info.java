/**
 * Example user-defined functions of every kind: two backed by XGBoost models trained at build
 * time ({@link io.weir.examples.udf.AnomalyScore}, a model function over web requests, and
 * {@link io.weir.examples.udf.PredictNext}, a window function over sensor readings), and four
 * small ones the SQL golden cases use. Compiles against udf-api; bundles xgboost4j.
 */
package io.weir.examples.udf;
