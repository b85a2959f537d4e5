package io.weir.engine.udf;

import io.weir.engine.errors.WeirException;
import io.weir.udf.AggregateFunction;
import io.weir.udf.reflect.Signature;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.ObjectStreamClass;
import java.util.function.Function;

/**
 * One instance of a user aggregate, as a window aggregation calls it: accumulators are opaque
 * objects, (de)serialized with Java serialization resolved against the function's jar.
 *
 * <p><b>Threading.</b> The query's task thread only. <b>Failures.</b> An exception from user
 * code is a user {@link WeirException} naming the function and the step (the query fails).
 */
public final class AggregateInvoker {
  private final String function;
  private final AggregateFunction<Object, Object, Object> instance;
  private final InputBuilder input;
  private final Function<Object, Object> result;
  private final ClassLoader loader;

  @SuppressWarnings("unchecked")
  AggregateInvoker(String function, Signature s, Object instance, ClassLoader loader) {
    this.function = function;
    this.instance = (AggregateFunction<Object, Object, Object>) instance;
    this.input = new InputBuilder(s);
    this.result = Converters.toEngine(s.returnType());
    this.loader = loader;
  }

  /** How many argument columns one row passes. */
  public int arity() {
    return input.arity();
  }

  public Object initialize() {
    return call("initialize", null, instance::initialize);
  }

  /** Adds one row's arguments (engine values); a NULL for a primitive component skips the row. */
  public Object add(Object accumulator, Object[] args) {
    return call("add", args, () -> {
      Object in = input.build(args);
      return in == InputBuilder.SKIP ? accumulator : instance.add(in, accumulator);
    });
  }

  public Object merge(Object a, Object b) {
    return call("merge", null, () -> instance.merge(a, b));
  }

  /** The result as an engine value. */
  public Object result(Object accumulator) {
    Object r = call("result", null, () -> instance.result(accumulator));
    try {
      return result.apply(r);
    } catch (ClassCastException e) {
      throw WeirException.user("aggregate function '" + function + "' returned "
          + Converters.show(r) + ", which does not fit its declared result type");
    }
  }

  public byte[] serialize(Object accumulator) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(accumulator);
    } catch (IOException e) {
      throw WeirException.user("aggregate function '" + function + "': its accumulator "
          + accumulator.getClass().getName() + " cannot be serialized: " + e);
    }
    return bytes.toByteArray();
  }

  public Object deserialize(byte[] bytes) {
    try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes)) {
      @Override
      protected Class<?> resolveClass(ObjectStreamClass desc) throws IOException, ClassNotFoundException {
        try {
          return Class.forName(desc.getName(), false, loader);
        } catch (ClassNotFoundException e) {
          return super.resolveClass(desc);
        }
      }
    }) {
      return in.readObject();
    } catch (IOException | ClassNotFoundException e) {
      throw WeirException.internal("aggregate function '" + function
          + "': a stored accumulator cannot be read back: " + e, e);
    }
  }

  private Object call(String step, Object[] args, UserCode.Call<Object> c) {
    try {
      return UserCode.with(loader, c);
    } catch (Throwable e) {
      UserCode.rethrowFatal(e);
      throw WeirException.user("aggregate function '" + function + "' failed in " + step
          + (args == null ? "" : " on (" + String.join(", ",
              java.util.Arrays.stream(args).map(Converters::show).toList()) + ")")
          + ": " + UserCode.describe(e));
    }
  }
}
