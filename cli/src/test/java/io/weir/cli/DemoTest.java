package io.weir.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The README's first command, in this process: {@code weir demo --duration 12} starts a server with
 * embedded Kafka, generates sensor readings, runs examples-sql/demo/sensors.sql and prints window
 * results, then stops and exits 0.
 */
class DemoTest {
  @Test
  void demoPrintsWindowResultsAndExitsZero() {
    long t0 = System.nanoTime();
    Cli r = Cli.run("demo", "--duration", "12", "--port", "0");
    double seconds = (System.nanoTime() - t0) / 1e9;
    assertEquals(0, r.exit, r.toString());
    assertTrue(r.out.contains("| window_start"), r.out);
    for (String site : new String[] {"greenhouse", "cold-store", "server-room", "warehouse"}) {
      assertTrue(r.out.contains("| " + site + " "), site + " in\n" + r.out);
    }
    Matcher m = Pattern.compile("(\\d+) window results; the first ([0-9.]+) s after start").matcher(r.out);
    assertTrue(m.find(), r.out);
    assertTrue(Integer.parseInt(m.group(1)) >= 4 * 4,
        "a minute of back-fill closes at least 4 windows per site at once: " + r.out);
    System.out.printf("weir demo in-process: first window result %s s after start; whole run %.1f s%n",
        m.group(2), seconds);
  }
}
