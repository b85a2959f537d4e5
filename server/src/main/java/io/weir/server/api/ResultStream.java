package io.weir.server.api;

/**
 * The protocol of {@code GET /v1/queries/{id}/results[?offset=N]}: a chunked response of
 * newline-delimited JSON ({@code application/x-ndjson}), one line per row — an object keyed by
 * column name, values encoded as Flink's {@code json} format encodes them — written while the
 * query produces rows. The stream ends when a bounded query ends or the query is stopped.
 *
 * <p>A line whose only key starts with {@code @} is a control line, never a row:
 *
 * <ul>
 *   <li>{@code {"@skipped": {"rows": n, "offset": o}}} — the reader fell more than the buffer's
 *       capacity behind (or asked for an offset no longer held): {@code n} rows were dropped for
 *       it and the next row has offset {@code o};
 *   <li>{@code {"@error": {"message": "…"}}} — the query failed; the stream ends after it.
 * </ul>
 *
 * <p><b>Buffer policy.</b> Every {@code SELECT} keeps its newest rows in a ring of {@code
 * resultBufferRows} rows ({@code GET /v1/info}); the query never waits for a reader. Row offsets
 * count from 0 and never change, so a reader that reconnects with {@code ?offset=N} resumes
 * where it left (the offset of a row is the number of rows before it: rows seen plus rows
 * skipped); several readers may follow one query independently.
 */
public final class ResultStream {
  public static final String CONTENT_TYPE = "application/x-ndjson";
  public static final String SKIPPED = "@skipped";
  public static final String ERROR = "@error";

  private ResultStream() {}
}
