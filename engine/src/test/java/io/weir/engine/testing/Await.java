package io.weir.engine.testing;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waiting in tests on a condition with a deadline (shared by the engine, server and CLI tests). */
public final class Await {
  private Await() {}

  /** Polls {@code condition} every 50 ms until it holds; fails naming {@code what} at the deadline. */
  public static void await(String what, Duration timeout, BooleanSupplier condition) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out after " + timeout.toSeconds() + " s waiting for " + what);
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted waiting for " + what);
      }
    }
  }
}
