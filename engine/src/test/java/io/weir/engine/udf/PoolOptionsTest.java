package io.weir.engine.udf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.weir.engine.errors.WeirException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PoolOptionsTest {
  @Test
  void inFlightLimitIsTenThousandOrFourBatchesPerWorkerUnlessSet() {
    PoolOptions defaults = PoolOptions.defaults(2);
    assertEquals(10_000, defaults.inFlightLimit(), "256-row batches, 2 workers");
    PoolOptions big = defaults.resolve(Map.of(), Map.of("udf.batch-size", "4096"), "f");
    assertEquals(4 * 4096 * 2, big.inFlightLimit());
    assertTrue(big.toString().contains("max-in-flight=auto (32768)"), big.toString());
    PoolOptions set = defaults.resolve(Map.of("udf.max-in-flight", "500"),
        Map.of("udf.batch-size", "4096"), "f");
    assertEquals(500, set.inFlightLimit(), "an explicit value is kept");
    WeirException negative = assertThrows(WeirException.class,
        () -> defaults.resolve(Map.of(), Map.of("udf.max-in-flight", "-1"), "f"));
    assertTrue(negative.getMessage().contains("0 (automatic) or more"), negative.getMessage());
  }
}
