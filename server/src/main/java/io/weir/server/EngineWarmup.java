package io.weir.server;

import io.weir.engine.Engine;
import io.weir.engine.Query;
import io.weir.engine.StatementResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one tiny bounded windowed query on a throwaway engine while the server starts (the
 * embedded broker takes seconds), so that the classes of the parser, the planner, the code
 * generator and the state store are loaded and compiled before the first user statement: a cold
 * first {@code CREATE TABLE} + windowed {@code SELECT} costs about 3 s, a warm one about 40 ms.
 *
 * <p>{@link #start()} returns at once; the work runs on one daemon thread, touches nothing of the
 * server (its own temporary directory, removed at the end) and never fails the server: an error
 * is logged at debug level and otherwise ignored.
 */
final class EngineWarmup implements Runnable {
  private static final Logger LOG = LoggerFactory.getLogger(EngineWarmup.class);

  static Thread start() {
    Thread t = new Thread(new EngineWarmup(), "weir-engine-warmup");
    t.setDaemon(true);
    t.setPriority(Thread.MIN_PRIORITY);
    t.start();
    return t;
  }

  @Override
  public void run() {
    long t0 = System.nanoTime();
    Path dir = null;
    try {
      dir = Files.createTempDirectory("weir-warmup-");
      try (Engine engine = new Engine(Engine.Config.defaults(dir))) {
        List<StatementResult> results = engine.execute("""
            CREATE TABLE warmup (k STRING, v DOUBLE, ts TIMESTAMP(3),
              WATERMARK FOR ts AS ts - INTERVAL '1' SECOND)
            WITH ('connector' = 'datagen', 'number-of-rows' = '16',
                  'fields.k.length' = '1');
            SELECT window_start, window_end, k, COUNT(*), AVG(v), MAX(v)
            FROM TABLE(TUMBLE(TABLE warmup, DESCRIPTOR(ts), INTERVAL '1' SECOND))
            WHERE v > 0
            GROUP BY window_start, window_end, k;
            """, Map.of());
        for (StatementResult r : results) {
          if (r instanceof StatementResult.QueryStarted started) {
            Query q = started.query();
            q.await(30, TimeUnit.SECONDS);
          }
        }
      }
      LOG.debug("engine warmed up in {} ms", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception | LinkageError e) {
      LOG.debug("engine warm-up failed (harmless): {}", e.toString());
    } finally {
      if (dir != null) {
        deleteQuietly(dir);
      }
    }
  }

  private static void deleteQuietly(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      LOG.debug("cannot remove {}: {}", dir, e.toString());
    }
  }
}
