package io.weir.examples.udf;

import io.weir.udf.Udf;
import io.weir.udf.UdfDescription;
import io.weir.udf.UdfParameter;

/** {@code to_fahrenheit(celsius)}: a scalar function with two overloads. */
@UdfDescription(name = "to_fahrenheit", description = "Degrees Celsius in Fahrenheit.")
public final class ToFahrenheit {
  @Udf(description = "c * 9 / 5 + 32")
  public static double toFahrenheit(@UdfParameter(value = "celsius") double c) {
    return c * 9 / 5 + 32;
  }

  @Udf(description = "the same, rounded to a whole degree, as text with the unit")
  public static String toFahrenheit(@UdfParameter(value = "celsius") double c,
      @UdfParameter(value = "unit", description = "the unit's symbol") String unit) {
    return Math.round(c * 9 / 5 + 32) + unit;
  }
}
