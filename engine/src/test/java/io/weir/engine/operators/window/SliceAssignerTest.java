package io.weir.engine.operators.window;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.weir.engine.errors.WeirException;
import io.weir.engine.graph.WindowSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class SliceAssignerTest {

  // ------------------------------------------------------------ hand-computed cases

  @Test
  void tumbleAlignsToSizeAndIsHalfOpen() {
    SliceAssigner a = SliceAssigner.of(WindowSpec.tumble(10_000));
    assertEquals(10_000, a.sliceSize());
    assertEquals(1, a.slicesPerWindow());
    assertEquals(10_000, a.sliceEnd(0));
    assertEquals(10_000, a.sliceEnd(9_999));
    assertEquals(20_000, a.sliceEnd(10_000)); // the end is exclusive
    assertArrayEquals(new long[] {10_000}, a.windowEnds(9_999));
    assertArrayEquals(new long[] {20_000}, a.windowEnds(10_000));
    assertEquals(0, a.windowStart(10_000));
    assertArrayEquals(new long[] {10_000}, a.slicesOfWindow(10_000));
  }

  @Test
  void tumbleWithNegativeTimestampsUsesFloor() {
    SliceAssigner a = SliceAssigner.of(WindowSpec.tumble(10_000));
    assertEquals(0, a.sliceEnd(-1));
    assertEquals(0, a.sliceEnd(-10_000));
    assertEquals(-10_000, a.sliceEnd(-10_001));
    assertEquals(0, a.lastWindowEnd(-1));
    assertEquals(-9_223_372_036_854_760_000L, a.sliceEnd(-9_223_372_036_854_765_000L));
  }

  @Test
  void tumbleWithOffset() {
    SliceAssigner a = SliceAssigner.of(new WindowSpec(WindowSpec.Type.TUMBLE, 10_000, 10_000, 2_000));
    assertEquals(2_000, a.sliceEnd(1_000)); // window [-8000, 2000)
    assertEquals(12_000, a.sliceEnd(2_000));
    assertEquals(-8_000, a.sliceEnd(-8_001));
    assertTrue(a.isWindowEnd(2_000));
    assertFalse(a.isWindowEnd(10_000));
    // An offset larger than the size names the same windows.
    SliceAssigner b = SliceAssigner.of(new WindowSpec(WindowSpec.Type.TUMBLE, 10_000, 10_000, 32_000));
    assertEquals(2_000, b.offset());
    assertEquals(2_000, b.sliceEnd(1_000));
    SliceAssigner c = SliceAssigner.of(new WindowSpec(WindowSpec.Type.TUMBLE, 10_000, 10_000, -8_000));
    assertEquals(2_000, c.sliceEnd(1_000));
  }

  @Test
  void hopThreeOverTenHasOneSecondSlicesAndThreeOrFourWindows() {
    SliceAssigner a = SliceAssigner.of(WindowSpec.hop(3_000, 10_000));
    assertEquals(1_000, a.sliceSize()); // gcd(3 s, 10 s)
    assertEquals(10, a.slicesPerWindow());
    // ts 0: window starts -9000, -6000, -3000, 0
    assertArrayEquals(new long[] {1_000, 4_000, 7_000, 10_000}, a.windowEnds(0));
    // ts 2500: window starts -6000, -3000, 0
    assertArrayEquals(new long[] {4_000, 7_000, 10_000}, a.windowEnds(2_500));
    assertEquals(3_000, a.sliceEnd(2_500));
    assertEquals(10_000, a.lastWindowEnd(2_500));
    assertEquals(4_000, a.firstWindowEnd(2_500));
    assertArrayEquals(new long[] {1_000, 2_000, 3_000, 4_000, 5_000, 6_000, 7_000, 8_000, 9_000,
        10_000}, a.slicesOfWindow(10_000));
    assertArrayEquals(new long[] {4_000, 7_000, 10_000}, a.windowEndsOfSlice(3_000));
  }

  @Test
  void hopFourOverTenHasTwoSecondSlices() {
    SliceAssigner a = SliceAssigner.of(WindowSpec.hop(4_000, 10_000));
    assertEquals(2_000, a.sliceSize());
    assertEquals(5, a.slicesPerWindow());
    assertArrayEquals(new long[] {2_000, 6_000, 10_000}, a.windowEnds(0));
    assertArrayEquals(new long[] {2_000, 6_000, 10_000}, a.windowEnds(1_999));
    assertArrayEquals(new long[] {6_000, 10_000}, a.windowEnds(3_000));
    assertArrayEquals(new long[] {6_000, 10_000}, a.windowEndsOfSlice(4_000));
    // Slice [2000, 4000) is only in windows [-4000, 6000) and [0, 10000): it expires at 9999.
    assertFalse(a.isSliceExpired(4_000, 9_998));
    assertTrue(a.isSliceExpired(4_000, 9_999));
    assertArrayEquals(new long[] {2_000, 4_000, 6_000, 8_000, 10_000}, a.slicesOfWindow(10_000));
  }

  @Test
  void hopExactMultiple() {
    SliceAssigner a = SliceAssigner.of(WindowSpec.hop(5_000, 10_000));
    assertEquals(5_000, a.sliceSize());
    assertArrayEquals(new long[] {5_000, 10_000}, a.windowEnds(0));
    assertArrayEquals(new long[] {5_000, 10_000}, a.windowEnds(4_999));
    assertArrayEquals(new long[] {10_000, 15_000}, a.windowEnds(5_000));
    assertArrayEquals(new long[] {0, 5_000}, a.windowEnds(-1));
  }

  @Test
  void lateAndCompleteUseEndMinusOne() {
    SliceAssigner a = SliceAssigner.of(WindowSpec.hop(5_000, 10_000));
    // ts 7000 is in [0, 10000) and [5000, 15000).
    assertFalse(a.isLate(7_000, 9_999)); // [5000, 15000) is still open
    assertFalse(a.isLate(7_000, 14_998));
    assertTrue(a.isLate(7_000, 14_999));
    assertTrue(SliceAssigner.isWindowComplete(10_000, 9_999));
    assertFalse(SliceAssigner.isWindowComplete(10_000, 9_998));
    assertEquals(10_000, a.firstOpenWindowEnd(9_998));
    assertEquals(15_000, a.firstOpenWindowEnd(9_999));
    assertEquals(Long.MAX_VALUE, a.firstOpenWindowEnd(Long.MAX_VALUE));
    assertEquals(Long.MAX_VALUE, a.firstOpenWindowEnd(Long.MAX_VALUE - 2));
    assertTrue(a.firstOpenWindowEnd(Long.MIN_VALUE) < Long.MIN_VALUE + 10_000);
  }

  // ------------------------------------------------------------ validation

  @Test
  void factoryRejectsBadWindowsNamingTheValues() {
    WeirException e = assertThrows(WeirException.class,
        () -> SliceAssigner.of(new WindowSpec(WindowSpec.Type.TUMBLE, 10_000, 5_000, 0)));
    assertEquals(WeirException.Kind.USER, e.kind());
    assertTrue(e.getMessage().contains("5000") && e.getMessage().contains("10000"), e.getMessage());

    e = assertThrows(WeirException.class, () -> WindowSpec.hop(20_000, 10_000));
    assertTrue(e.getMessage().contains("20000"), e.getMessage());

    e = assertThrows(WeirException.class,
        () -> SliceAssigner.of(WindowSpec.hop(86_400_000 - 1, 86_400_000)));
    assertEquals(WeirException.Kind.USER, e.kind());
    assertTrue(e.getMessage().contains("86400000") && e.getMessage().contains("86399999"),
        e.getMessage());
  }

  @Test
  void timestampsAtTheLimitsOfLongAreRejectedByName() {
    SliceAssigner a = SliceAssigner.of(WindowSpec.hop(3_000, 10_000));
    WeirException e = assertThrows(WeirException.class, () -> a.lastWindowEnd(Long.MAX_VALUE - 5));
    assertEquals(WeirException.Kind.USER, e.kind());
    assertTrue(e.getMessage().contains(String.valueOf(Long.MAX_VALUE - 5)), e.getMessage());
    assertThrows(WeirException.class, () -> a.firstWindowEnd(Long.MIN_VALUE + 5));
    assertThrows(WeirException.class, () -> a.sliceEnd(Long.MIN_VALUE));
    // Far from the limits, large values are fine.
    assertEquals(8_000_000_000_000L, a.sliceEnd(7_999_999_999_999L));
  }

  // ------------------------------------------------------------ brute force

  static Stream<WindowSpec> specs() {
    return Stream.of(
        WindowSpec.tumble(10),
        WindowSpec.tumble(1),
        new WindowSpec(WindowSpec.Type.TUMBLE, 7, 7, 3),
        new WindowSpec(WindowSpec.Type.TUMBLE, 7, 7, -12),
        WindowSpec.hop(3, 10),
        WindowSpec.hop(4, 10),
        WindowSpec.hop(5, 10),
        WindowSpec.hop(2, 10),
        WindowSpec.hop(10, 10),
        WindowSpec.hop(1, 5),
        WindowSpec.hop(6, 9),
        WindowSpec.hop(7, 8),
        new WindowSpec(WindowSpec.Type.HOP, 9, 6, 2),
        new WindowSpec(WindowSpec.Type.HOP, 10, 4, 5),
        new WindowSpec(WindowSpec.Type.HOP, 10, 3, -7),
        new WindowSpec(WindowSpec.Type.HOP, 12, 8, 100));
  }

  /** Every window of the spec that starts in {@code [from - size, to]}, enumerated one by one. */
  private static List<long[]> windows(WindowSpec spec, long from, long to) {
    long slide = spec.type() == WindowSpec.Type.TUMBLE ? spec.sizeMillis() : spec.slideMillis();
    long size = spec.sizeMillis();
    // Walk down from a start known to be aligned (the offset), then up.
    long s = spec.offsetMillis();
    while (s > from - size - slide) {
      s -= slide;
    }
    while (s + slide <= from - size - slide) {
      s += slide;
    }
    List<long[]> out = new ArrayList<>();
    for (; s <= to; s += slide) {
      out.add(new long[] {s, s + size});
    }
    return out;
  }

  @ParameterizedTest
  @MethodSource("specs")
  void matchesBruteForceEnumeration(WindowSpec spec) {
    SliceAssigner a = SliceAssigner.of(spec);
    long from = -300;
    long to = 300;
    List<long[]> all = windows(spec, from - 50, to + 50);
    long g = a.sliceSize();
    for (long ts = from; ts <= to; ts++) {
      // Windows containing ts, by definition.
      List<Long> ends = new ArrayList<>();
      for (long[] w : all) {
        if (w[0] <= ts && ts < w[1]) {
          ends.add(w[1]);
        }
      }
      long[] expected = ends.stream().mapToLong(Long::longValue).toArray();
      String at = spec + " ts=" + ts;
      assertArrayEquals(expected, a.windowEnds(ts), at);
      assertEquals(expected[0], a.firstWindowEnd(ts), at);
      assertEquals(expected[expected.length - 1], a.lastWindowEnd(ts), at);
      long n = expected.length;
      long size = spec.sizeMillis();
      long slide = a.slide();
      assertTrue(n == size / slide || n == (size + slide - 1) / slide, at + " count " + n);

      // The slice holds ts, is gcd wide, aligned, and all of it is in exactly these windows.
      long sliceEnd = a.sliceEnd(ts);
      assertTrue(sliceEnd - g <= ts && ts < sliceEnd, at + " slice " + sliceEnd);
      assertArrayEquals(expected, a.windowEndsOfSlice(sliceEnd), at);
      for (long t = sliceEnd - g; t < sliceEnd; t++) {
        assertEquals(sliceEnd, a.sliceEnd(t));
      }
      assertEquals(expected[expected.length - 1], a.lastWindowEndOfSlice(sliceEnd), at);
      assertEquals(expected[0], a.firstWindowEndOfSlice(sliceEnd), at);

      // Lateness: late exactly when every window containing ts is complete.
      for (long wm = ts - size - 2; wm <= ts + size + 2; wm++) {
        boolean allComplete = true;
        for (long e : expected) {
          allComplete &= e - 1 <= wm;
        }
        assertEquals(allComplete, a.isLate(ts, wm), at + " wm=" + wm);
        assertEquals(allComplete, a.isSliceExpired(sliceEnd, wm), at + " wm=" + wm);
      }
    }
    for (long[] w : all) {
      long end = w[1];
      if (end < from || end > to) {
        continue;
      }
      String at = spec + " window end=" + end;
      assertTrue(a.isWindowEnd(end), at);
      assertEquals(w[0], a.windowStart(end), at);
      // The slices of the window are exactly the slices of its timestamps.
      TreeSet<Long> slices = new TreeSet<>();
      for (long t = w[0]; t < end; t++) {
        slices.add(a.sliceEnd(t));
      }
      assertArrayEquals(slices.stream().mapToLong(Long::longValue).toArray(),
          a.slicesOfWindow(end), at);
    }
    for (long t = from; t <= to; t++) {
      boolean isEnd = false;
      for (long[] w : all) {
        isEnd |= w[1] == t;
      }
      assertEquals(isEnd, a.isWindowEnd(t), spec + " t=" + t);
    }
    for (long wm = from; wm <= to; wm++) {
      long expected = Long.MAX_VALUE;
      for (long[] w : all) {
        if (w[1] - 1 > wm) {
          expected = Math.min(expected, w[1]);
        }
      }
      assertEquals(expected, a.firstOpenWindowEnd(wm), spec + " wm=" + wm);
    }
  }

  @ParameterizedTest
  @MethodSource("specs")
  void largeTimestampsBehaveLikeSmallOnesShiftedByWholePeriods(WindowSpec spec) {
    SliceAssigner a = SliceAssigner.of(spec);
    long period = a.slide() * a.windowSize(); // a multiple of slide and of the slice
    for (long base : new long[] {1_700_000_000_000L, -62_135_596_800_000L}) {
      long shift = base - Math.floorMod(base, period);
      for (long ts = -40; ts <= 40; ts++) {
        long[] small = a.windowEnds(ts);
        long[] large = a.windowEnds(ts + shift);
        for (int i = 0; i < small.length; i++) {
          small[i] += shift;
        }
        assertArrayEquals(small, large, spec + " ts=" + ts + " shift=" + shift);
        assertEquals(a.sliceEnd(ts) + shift, a.sliceEnd(ts + shift));
      }
    }
  }
}
