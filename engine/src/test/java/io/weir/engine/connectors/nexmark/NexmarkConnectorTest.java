package io.weir.engine.connectors.nexmark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.weir.engine.connectors.CollectingRecords;
import io.weir.engine.connectors.SourceReader;
import io.weir.engine.connectors.TableDescriptor;
import io.weir.engine.data.DataType;
import io.weir.engine.data.DataType.Kind;
import io.weir.engine.data.Field;
import io.weir.engine.data.Schema;
import io.weir.engine.errors.WeirException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The nexmark connector against the standard generator's rules, with a fixed base time. */
class NexmarkConnectorTest {
  static final long BASE = 1_700_000_000_000L;
  static final DataType BIGINT = DataType.of(Kind.BIGINT);
  static final DataType STRING = DataType.of(Kind.STRING);
  static final DataType TS = DataType.of(Kind.TIMESTAMP);

  static final Schema BID = Schema.of(new Field("auction", BIGINT), new Field("bidder", BIGINT),
      new Field("price", BIGINT), new Field("channel", STRING), new Field("url", STRING),
      new Field("dateTime", TS), new Field("extra", STRING));
  static final Schema AUCTION = Schema.of(new Field("id", BIGINT), new Field("itemName", STRING),
      new Field("description", STRING), new Field("initialBid", BIGINT),
      new Field("reserve", BIGINT), new Field("dateTime", TS), new Field("expires", TS),
      new Field("seller", BIGINT), new Field("category", BIGINT), new Field("extra", STRING));
  static final Schema PERSON = Schema.of(new Field("id", BIGINT), new Field("name", STRING),
      new Field("emailAddress", STRING), new Field("creditCard", STRING),
      new Field("city", STRING), new Field("state", STRING), new Field("dateTime", TS),
      new Field("extra", STRING));

  final NexmarkConnector connector = new NexmarkConnector();

  static TableDescriptor table(String stream, Schema schema, Map<String, String> extra) {
    Map<String, String> options = new HashMap<>(Map.of("connector", "nexmark", "stream", stream,
        "events.num", "50000", "first-event.rate", "1000", "base-time", Long.toString(BASE)));
    options.putAll(extra);
    return new TableDescriptor(stream, schema, options);
  }

  List<Object[]> read(TableDescriptor t) {
    connector.validate(t);
    try (SourceReader r = connector.createReader(t, null)) {
      r.open();
      assertTrue(r.isBounded());
      assertEquals(1, r.splitCount());
      return CollectingRecords.drain(r, 1024, 10_000).rows;
    }
  }

  @Test
  void streamsFollowTheProportionsAndEventTime() {
    List<Object[]> bids = read(table("bid", BID, Map.of()));
    List<Object[]> auctions = read(table("auction", AUCTION, Map.of()));
    List<Object[]> people = read(table("person", PERSON, Map.of()));
    // 50,000 events: 1,000 people, 3,000 auctions, 46,000 bids.
    assertEquals(1_000, people.size());
    assertEquals(3_000, auctions.size());
    assertEquals(46_000, bids.size());
    // Event n happens at base + n ms (1,000 events per second): the first bid is event 4.
    assertEquals(BASE + 4, bids.get(0)[5]);
    assertEquals(BASE + 49_999, bids.get(bids.size() - 1)[5]);
    assertEquals(BASE, people.get(0)[6]);
    assertEquals(BASE + 1, auctions.get(0)[5]);
    // Ids are dense from 1000, in creation order.
    for (int i = 0; i < people.size(); i++) {
      assertEquals(1000L + i, people.get(i)[0]);
    }
    for (int i = 0; i < auctions.size(); i++) {
      assertEquals(1000L + i, auctions.get(i)[0]);
    }
  }

  @Test
  void bidsGoToHotAuctionsAndBiddersAndOnlyToAuctionsThatExistOrAreAboutTo() {
    List<Object[]> bids = read(table("bid", BID, Map.of()));
    int hotAuction = 0;
    int hotBidder = 0;
    Set<String> channels = new HashSet<>();
    long sumSize = 0;
    for (int i = 0; i < bids.size(); i++) {
      Object[] b = bids.get(i);
      long event = (Long) b[5] - BASE;
      long auctionsSoFar = (event / 50) * 3 + 3; // every bid follows its epoch's auctions
      long auction = (Long) b[0];
      assertTrue(auction >= 1000 && auction < 1000 + auctionsSoFar + 10, "auction " + auction
          + " at event " + event);
      if ((auction - 1000) % 100 == 0) {
        hotAuction++;
      }
      long bidder = (Long) b[1];
      assertTrue(bidder >= 1000 && bidder < 1000 + event / 50 + 1 + 10, "bidder " + bidder);
      if ((bidder - 1000) % 100 == 1) {
        hotBidder++;
      }
      long price = (Long) b[2];
      assertTrue(price >= 100 && price <= 100_000_000L, "price " + price);
      channels.add((String) b[3]);
      assertTrue(((String) b[4]).startsWith("https://www.nexmark.com/"), (String) b[4]);
      sumSize += 32 + ((String) b[6]).length();
    }
    // Hot with probability 1 - 1/2 (auctions) and 1 - 1/4 (bidders), a little more by chance.
    double auctionShare = hotAuction / (double) bids.size();
    double bidderShare = hotBidder / (double) bids.size();
    assertTrue(auctionShare > 0.49 && auctionShare < 0.56, "hot auction share " + auctionShare);
    assertTrue(bidderShare > 0.74 && bidderShare < 0.78, "hot bidder share " + bidderShare);
    assertTrue(channels.containsAll(List.of("Google", "Facebook", "Baidu", "Apple")));
    assertTrue(channels.size() > 4_000, "channels " + channels.size());
    // The extra column pads a bid to 100 bytes on average.
    double avg = sumSize / (double) bids.size();
    assertTrue(avg > 95 && avg < 105, "average bid size " + avg);
  }

  @Test
  void auctionsAndPeopleHaveTheirShapes() {
    for (Object[] a : read(table("auction", AUCTION, Map.of()))) {
      assertTrue((Long) a[4] > (Long) a[3], "reserve above the initial bid");
      assertTrue((Long) a[6] > (Long) a[5], "expires after it starts");
      long category = (Long) a[8];
      assertTrue(category >= 10 && category < 15);
      assertTrue((Long) a[7] >= 1000);
    }
    for (Object[] p : read(table("person", PERSON, Map.of()))) {
      assertTrue(((String) p[2]).endsWith(".com"));
      assertTrue(((String) p[3]).matches("\\d{4} \\d{4} \\d{4} \\d{4}"), (String) p[3]);
      assertTrue(List.of("AZ", "CA", "ID", "OR", "WA", "WY").contains(p[5]));
    }
  }

  @Test
  void runsRepeatForAFixedBaseTimeAndColumnsAreChosenByName() {
    List<Object[]> all = read(table("bid", BID, Map.of()));
    List<Object[]> again = read(table("bid", BID, Map.of()));
    for (int i = 0; i < all.size(); i++) {
      assertArrayEquals(all.get(i), again.get(i));
    }
    Schema some = Schema.of(new Field("price", BIGINT), new Field("DATETIME", DataType.of(Kind.TIMESTAMP_LTZ)),
        new Field("auction", BIGINT));
    List<Object[]> projected = read(table("bid", some, Map.of()));
    assertEquals(all.size(), projected.size());
    for (int i = 0; i < all.size(); i++) {
      assertArrayEquals(new Object[] {all.get(i)[2], all.get(i)[5], all.get(i)[0]},
          projected.get(i));
    }
  }

  @Test
  void rateLimitedEmissionFollowsTheWallClock() {
    TableDescriptor t = table("bid", Schema.of(new Field("auction", BIGINT)),
        Map.of("events.num", "300", "first-event.rate", "1000", "max-emit-speed", "false"));
    long t0 = System.nanoTime();
    List<Object[]> rows = read(t);
    long millis = (System.nanoTime() - t0) / 1_000_000;
    assertEquals(276, rows.size());
    assertTrue(millis >= 290, "300 events at 1000 per second took " + millis + " ms");
  }

  @Test
  void unboundedWithoutEventsNum() {
    TableDescriptor t = new TableDescriptor("bid", BID, Map.of("connector", "nexmark",
        "stream", "bid"));
    try (SourceReader r = connector.createReader(t, null)) {
      r.open();
      assertFalse(r.isBounded());
      CollectingRecords out = new CollectingRecords();
      assertTrue(r.poll(out, 100, 10));
      assertEquals(100, out.rows.size());
    }
  }

  @Test
  void badOptionsAndColumnsAreUserErrorsNamingThem() {
    WeirException e = assertThrows(WeirException.class,
        () -> connector.validate(table("bids", BID, Map.of())));
    assertTrue(e.getMessage().contains("'stream' must be 'person', 'auction' or 'bid', got 'bids'"),
        e.getMessage());
    e = assertThrows(WeirException.class,
        () -> connector.validate(table("bid", BID, Map.of("events.nmu", "5"))));
    assertTrue(e.getMessage().contains("unsupported option 'events.nmu'"), e.getMessage());
    e = assertThrows(WeirException.class, () -> connector.validate(
        table("bid", Schema.of(new Field("seller", BIGINT)), Map.of())));
    assertTrue(e.getMessage().contains("column 'seller' is not a column of the nexmark bid stream"),
        e.getMessage());
    e = assertThrows(WeirException.class, () -> connector.validate(
        table("bid", Schema.of(new Field("price", STRING)), Map.of())));
    assertTrue(e.getMessage().contains("'price' is BIGINT"), e.getMessage());
    e = assertThrows(WeirException.class,
        () -> connector.validate(table("bid", BID, Map.of("bid.avg-size", "big"))));
    assertTrue(e.getMessage().contains("'bid.avg-size' must be a size"), e.getMessage());
    e = assertThrows(WeirException.class,
        () -> connector.validate(table("bid", BID, Map.of("first-event.rate", "0"))));
    assertTrue(e.getMessage().contains("'first-event.rate' must be between 1"), e.getMessage());
    assertEquals(WeirException.Kind.USER, e.kind());
  }
}
