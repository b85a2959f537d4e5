package io.weir.udf.testing;

import io.weir.udf.FunctionContext;
import io.weir.udf.Lifecycle;

/** Shared helpers of the testers. */
final class Instances {
  private Instances() {}

  static <T> T create(Class<T> c) {
    try {
      return c.getConstructor().newInstance();
    } catch (ReflectiveOperationException e) {
      throw new AssertionError("cannot create " + c.getName() + " with its public no-argument "
          + "constructor: " + e, e);
    }
  }

  static void open(Object f, FunctionContext ctx) {
    if (f instanceof Lifecycle l) {
      try {
        l.open(ctx);
      } catch (Exception e) {
        close(f);
        throw new AssertionError("open() of " + f.getClass().getName() + " failed: " + e, e);
      }
    }
  }

  static void close(Object f) {
    if (f instanceof Lifecycle l) {
      try {
        l.close();
      } catch (Exception e) {
        throw new AssertionError("close() of " + f.getClass().getName() + " failed: " + e, e);
      }
    }
  }
}
