package io.weir.engine.runtime;

import io.weir.engine.errors.WeirException;
import java.util.Locale;

/**
 * What a query promises about its output after a crash, named as Kafka Streams names it (the
 * option {@code 'processing.guarantee'}).
 */
public enum ProcessingGuarantee {
  /**
   * Sink rows, state changes and source offsets commit in one Kafka transaction per commit
   * interval: readers with {@code isolation.level = read_committed} see every result exactly once,
   * whatever crashes. Needs a Kafka source and a Kafka sink on one cluster.
   */
  EXACTLY_ONCE("exactly_once"),
  /**
   * Output and state changes are acknowledged before the offsets commit: nothing is lost, but a
   * crash replays the records since the last commit, so some results may be written twice (and
   * aggregates of replayed records counted twice).
   */
  AT_LEAST_ONCE("at_least_once");

  /** The option's name. */
  public static final String OPTION = "processing.guarantee";

  private final String optionValue;

  ProcessingGuarantee(String optionValue) {
    this.optionValue = optionValue;
  }

  /** The value as the option spells it. */
  public String optionValue() {
    return optionValue;
  }

  /**
   * Reads the option's value: {@code exactly_once} (also {@code exactly_once_v2}, {@code
   * exactly-once}) or {@code at_least_once} ({@code at-least-once}).
   *
   * @throws WeirException USER naming the value
   */
  public static ProcessingGuarantee parse(String value) {
    String v = value.trim().toLowerCase(Locale.ROOT).replace('-', '_');
    return switch (v) {
      case "exactly_once", "exactly_once_v2" -> EXACTLY_ONCE;
      case "at_least_once" -> AT_LEAST_ONCE;
      default -> throw WeirException.user("option '" + OPTION + "' must be 'exactly_once' or "
          + "'at_least_once', got '" + value + "'");
    };
  }

  @Override
  public String toString() {
    return optionValue;
  }
}
