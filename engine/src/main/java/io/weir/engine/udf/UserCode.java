package io.weir.engine.udf;

import io.weir.udf.UdfException;
import java.lang.reflect.InvocationTargetException;

/** Runs user code with its jar's context class loader, and describes what it threw. */
final class UserCode {
  private UserCode() {}

  /** Code that may throw anything. */
  @FunctionalInterface
  interface Call<T> {
    T call() throws Throwable;
  }

  /**
   * Runs {@code call} with the thread's context class loader set to {@code loader}, restoring
   * the previous one afterwards, and returns its result. Throwables pass through unchanged.
   */
  static <T> T with(ClassLoader loader, Call<T> call) throws Throwable {
    Thread t = Thread.currentThread();
    ClassLoader old = t.getContextClassLoader();
    t.setContextClassLoader(loader);
    try {
      return call.call();
    } finally {
      t.setContextClassLoader(old);
    }
  }

  /** What a call threw, as a user reads it: a UdfException's message, else the exception. */
  static String describe(Throwable t) {
    Throwable e = t instanceof InvocationTargetException ite && ite.getCause() != null ? ite.getCause() : t;
    if (e instanceof UdfException) {
      return e.getMessage();
    }
    StringBuilder sb = new StringBuilder(e.toString());
    StackTraceElement[] trace = e.getStackTrace();
    if (trace.length > 0) {
      sb.append(" at ").append(trace[0]);
    }
    return sb.toString();
  }

  /** Rethrows what the JVM cannot recover from. */
  static void rethrowFatal(Throwable t) {
    if (t instanceof VirtualMachineError v) {
      throw v;
    }
  }
}
