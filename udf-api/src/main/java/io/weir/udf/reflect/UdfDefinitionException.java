package io.weir.udf.reflect;

import java.util.List;

/**
 * A function class the engine cannot use, with every problem found (not only the first), each
 * naming the method or parameter and the offending type.
 */
public class UdfDefinitionException extends RuntimeException {
  private final String className;
  private final List<String> problems;

  public UdfDefinitionException(String className, List<String> problems) {
    super(message(className, problems));
    this.className = className;
    this.problems = List.copyOf(problems);
  }

  private static String message(String className, List<String> problems) {
    if (problems.size() == 1) {
      return "class " + className + " is not a usable function: " + problems.get(0);
    }
    StringBuilder sb = new StringBuilder("class ").append(className)
        .append(" is not a usable function (").append(problems.size()).append(" problems):");
    for (String p : problems) {
      sb.append("\n  - ").append(p);
    }
    return sb.toString();
  }

  public String className() {
    return className;
  }

  public List<String> problems() {
    return problems;
  }
}
