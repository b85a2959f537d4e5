package io.weir.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code weir chaos} at CI size: the server process is killed with SIGKILL in the middle of an
 * exactly-once HOP(2 s, 10 s) aggregation (some kills inside the commit path) and restarted, and
 * every (key, window) of the committed output matches the oracle; also when the query's local
 * state directory is deleted before every restart, so that the state comes back from the
 * changelog alone.
 */
class ChaosCommandTest {
  @TempDir
  Path dir;

  private static String lastLine(String out) {
    List<String> lines = out.lines().filter(l -> !l.isBlank()).toList();
    return lines.get(lines.size() - 1);
  }

  @Test
  void threeKillsOverFiftyThousandEventsLoseDuplicateAndCorruptNothing() {
    Cli chaos = Cli.run("chaos", "--events", "50000", "--kills", "3", "--seed", "20240101",
        "--rate", "5000", "--work-dir", dir.resolve("work").toString());
    assertEquals("lost=0 duplicated=0 wrong=0", lastLine(chaos.out), chaos.toString());
    assertEquals(0, chaos.exit, chaos.toString());
    assertTrue(chaos.out.contains("kills=3 (2 inside the commit path)"), chaos.out);
    assertTrue(chaos.out.contains("open transactions=0"), chaos.out);
    assertTrue(chaos.out.contains("exactly_once, commit interval 100 ms"), chaos.out);
  }

  @Test
  void stateRestoredFromTheChangelogAloneAfterTheLocalStateIsDeleted() {
    Cli chaos = Cli.run("chaos", "--events", "20000", "--kills", "2", "--seed", "7",
        "--rate", "4000", "--wipe-state", "--work-dir", dir.resolve("work").toString());
    assertEquals("lost=0 duplicated=0 wrong=0", lastLine(chaos.out), chaos.toString());
    assertEquals(0, chaos.exit, chaos.toString());
    assertTrue(chaos.out.matches("(?s).*last restore [1-9][0-9]* records.*"),
        "the last start restored state from the changelog:\n" + chaos.out);
  }
}
