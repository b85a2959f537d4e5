package io.weir.engine.plan;

import io.weir.engine.errors.WeirException;
import io.weir.engine.udf.FunctionRef;
import java.util.ArrayList;
import java.util.List;

/**
 * The scalar user functions one generated calc calls, in slot order: slot {@code i} is read as
 * {@code udfs[i]} in the generated code. {@link CodeGenerator} opens it around the generation of
 * one calc; the call implementors ask it for slots. Not thread-safe (one planner, one thread).
 */
final class ScalarSlots {
  private List<FunctionRef> current;

  void begin() {
    current = new ArrayList<>();
  }

  /** The slot of {@code ref} in the calc being generated (the same ref shares its slot). */
  int slot(FunctionRef ref) {
    if (current == null) {
      throw WeirException.internal("function '" + ref.function().name() + "' is called outside "
          + "the generation of a calc", null);
    }
    int i = current.indexOf(ref);
    if (i < 0) {
      current.add(ref);
      i = current.size() - 1;
    }
    return i;
  }

  /** The slots used since {@link #begin}, and closes. */
  List<FunctionRef> end() {
    List<FunctionRef> used = current == null ? List.of() : List.copyOf(current);
    current = null;
    return used;
  }
}
