package io.weir.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The README's first command, in this process: {@code weir demo --duration 12} starts a server with
 * embedded Kafka, uploads the example UDF jar, generates sensor readings, runs
 * examples-sql/demo/sensors.sql and prints each sensor's XGBoost prediction over HOP(1 s, 10 s)
 * windows, then stops and exits 0; {@code --scenario web} scores web requests.
 */
class DemoTest {
  @Test
  void demoPrintsWindowResultsAndExitsZero() {
    long t0 = System.nanoTime();
    Cli r = Cli.run("demo", "--duration", "12", "--port", "0");
    double seconds = (System.nanoTime() - t0) / 1e9;
    assertEquals(0, r.exit, r.toString());
    assertTrue(r.out.contains("| window_end") && r.out.contains("predicted_next"), r.out);
    assertTrue(r.out.contains("'weir-examples' uploaded"), r.out);
    Matcher prediction = Pattern.compile("\\| (gr|co|se|wa)-0[1-3] +\\| \\d+ +\\|.*\\| -?\\d+\\.\\d+ +\\|")
        .matcher(r.out);
    assertTrue(prediction.find(), "a row with a numeric prediction in\n" + r.out);
    for (String site : new String[] {"greenhouse", "cold-store", "server-room", "warehouse"}) {
      assertTrue(r.out.contains("| " + site + " "), site + " in\n" + r.out);
    }
    Matcher m = Pattern.compile("(\\d+) window results; the first ([0-9.]+) s after start").matcher(r.out);
    assertTrue(m.find(), r.out);
    assertTrue(Integer.parseInt(m.group(1)) >= 12 * 40,
        "a minute of back-fill closes about 50 one-second windows per sensor at once: " + r.out);
    System.out.printf("weir demo in-process: first window result %s s after start; whole run %.1f s%n",
        m.group(2), seconds);
  }

  @Test
  void webScenarioScoresRequestsAndShowsTheFlaggedOnes() {
    Cli r = Cli.run("demo", "--scenario", "web", "--duration", "12", "--port", "0");
    assertEquals(0, r.exit, r.toString());
    assertTrue(r.out.contains("| score"), r.out);
    Matcher m = Pattern.compile("(\\d+) flagged requests; the first ([0-9.]+) s after start \\((\\d+) requests").matcher(r.out);
    assertTrue(m.find(), r.out);
    assertTrue(Integer.parseInt(m.group(1)) > 0, "about 1% of the requests are anomalous: " + r.out);
    assertTrue(Long.parseLong(m.group(3)) > 5000, "1,000 requests per second: " + r.out);
  }
}
