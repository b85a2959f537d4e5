package io.weir.engine.connectors.nexmark;

import java.util.HashMap;
import java.util.Map;

/**
 * Generates Nexmark events with the standard generator's semantics (Beam's and Flink's Nexmark):
 *
 * <ul>
 *   <li>Event {@code n} (0, 1, …) has event id {@code n} and timestamp {@code baseTime + n ×
 *       interEventDelay} (the delay is {@code 1 / first-event.rate}); event ids cycle through
 *       the proportions: of every 50, one person, then three auctions, then 46 bids.
 *   <li>Ids are dense: person {@code k} and auction {@code k} are the k-th of their kind, from
 *       1000. A bid is for a hot auction (the first of the last hundred auctions) with probability
 *       {@code 1 - 1 / bid.hot-ratio.auctions}, else for a random one of the hundred auctions
 *       in flight or a few not created yet; its bidder is a hot bidder (the second of the last
 *       hundred people) with probability {@code 1 - 1 / bid.hot-ratio.bidders}, else one of the
 *       thousand active people; likewise an auction's seller. Prices are {@code 10^(6u) × 100}
 *       cents for a uniform {@code u}; categories 10 to 14; auctions expire after a random time
 *       averaging the time until a hundred more auctions are created.
 *   <li>Strings: names from fixed lists, random lowercase text, and an {@code extra} column
 *       that pads each event to its average size.
 * </ul>
 *
 * <p>Each event draws its random values from a generator seeded with (a hash of) its event id, so an event depends only on its id and the options: runs repeat exactly for
 * a fixed base time, and a table of one stream skips the other streams' events without
 * generating them. (Flink's generator draws from one unseeded generator; the distributions are
 * the same.) Not thread-safe.
 */
final class NexmarkGenerator {
  private static final int HOT_AUCTION_RATIO = 100;
  private static final int HOT_BIDDER_RATIO = 100;
  private static final int HOT_SELLER_RATIO = 100;
  private static final int PERSON_ID_LEAD = 10;
  private static final int AUCTION_ID_LEAD = 10;
  private static final int NUM_CATEGORIES = 5;
  private static final int MIN_STRING_LENGTH = 3;
  private static final int HOT_CHANNELS_RATIO = 2;
  private static final int CHANNELS_NUMBER = 10_000;
  private static final String[] HOT_CHANNELS = {"Google", "Facebook", "Baidu", "Apple"};
  private static final String[] US_STATES = "AZ,CA,ID,OR,WA,WY".split(",");
  private static final String[] US_CITIES =
      "Phoenix,Los Angeles,San Francisco,Boise,Portland,Bend,Redmond,Seattle,Kent,Cheyenne"
          .split(",");
  private static final String[] FIRST_NAMES =
      "Peter,Paul,Luke,John,Saul,Vicky,Kate,Julie,Sarah,Deiter,Walter".split(",");
  private static final String[] LAST_NAMES =
      "Shultz,Abrams,Spencer,White,Bartels,Walton,Smith,Jones,Noris".split(",");

  private final NexmarkConfig config;
  private final long baseTime;
  private final EventRandom random = new EventRandom(0);
  private final StringBuilder sb = new StringBuilder(128);
  private final String[] hotUrls = new String[HOT_CHANNELS.length];
  private final Map<Integer, String[]> channels = new HashMap<>();
  private long next;

  /**
   * @param baseTime epoch millis of event 0
   * @param first the number of the first event to generate (0 from the start)
   */
  NexmarkGenerator(NexmarkConfig config, long baseTime, long first) {
    this.config = config;
    this.baseTime = baseTime;
    this.next = first;
    EventRandom urls = new EventRandom(0x6E65786DL);
    for (int i = 0; i < hotUrls.length; i++) {
      hotUrls[i] = baseUrl(urls);
    }
  }

  /** The number of the next event. */
  long nextEvent() {
    return next;
  }

  /** Skips the next event. */
  void skip() {
    next++;
  }

  /** The stream event {@code n} belongs to. */
  NexmarkStream streamOf(long n) {
    long rem = n % config.totalProportion;
    if (rem < config.personProportion) {
      return NexmarkStream.PERSON;
    }
    return rem < config.personProportion + config.auctionProportion
        ? NexmarkStream.AUCTION : NexmarkStream.BID;
  }

  /** Event time of event {@code n}. */
  long timestamp(long n) {
    return config.timestampForEvent(baseTime, n);
  }

  /**
   * Generates the next event, which must be of the configured stream, into {@code row}: column
   * {@code i} of the stream goes to {@code row[at[i]]} unless {@code at[i] < 0}.
   */
  void generate(Object[] row, int[] at) {
    long id = next;
    long ts = timestamp(id);
    random.setSeed(mix(id));
    switch (config.stream) {
      case PERSON -> person(id, ts, row, at);
      case AUCTION -> auction(id, ts, row, at);
      default -> bid(id, ts, row, at);
    }
    next++;
  }

  // ------------------------------------------------------------------ the three kinds

  private void person(long eventId, long ts, Object[] row, int[] at) {
    long id = lastBase0PersonId(eventId) + NexmarkConfig.FIRST_PERSON_ID;
    String name = FIRST_NAMES[random.nextInt(FIRST_NAMES.length)] + " "
        + LAST_NAMES[random.nextInt(LAST_NAMES.length)];
    String email = nextString(7) + "@" + nextString(5) + ".com";
    sb.setLength(0);
    for (int i = 0; i < 4; i++) {
      if (i > 0) {
        sb.append(' ');
      }
      int digits = random.nextInt(10_000);
      sb.append((char) ('0' + digits / 1000)).append((char) ('0' + digits / 100 % 10))
          .append((char) ('0' + digits / 10 % 10)).append((char) ('0' + digits % 10));
    }
    String creditCard = sb.toString();
    String city = US_CITIES[random.nextInt(US_CITIES.length)];
    String state = US_STATES[random.nextInt(US_STATES.length)];
    put(row, at, 0, id);
    put(row, at, 1, name);
    put(row, at, 2, email);
    put(row, at, 3, creditCard);
    put(row, at, 4, city);
    put(row, at, 5, state);
    put(row, at, 6, ts);
    if (at[7] >= 0) {
      int size = 8 + name.length() + email.length() + creditCard.length() + city.length()
          + state.length();
      row[at[7]] = nextExtra(size, config.avgPersonBytes);
    }
  }

  private void auction(long eventId, long ts, Object[] row, int[] at) {
    long id = lastBase0AuctionId(eventId) + NexmarkConfig.FIRST_AUCTION_ID;
    long seller;
    if (random.nextInt(config.hotSellersRatio) > 0) {
      seller = (lastBase0PersonId(eventId) / HOT_SELLER_RATIO) * HOT_SELLER_RATIO;
    } else {
      seller = nextBase0PersonId(eventId);
    }
    seller += NexmarkConfig.FIRST_PERSON_ID;
    long category = NexmarkConfig.FIRST_CATEGORY_ID + random.nextInt(NUM_CATEGORIES);
    long initialBid = nextPrice();
    long expires = ts + nextAuctionLengthMs(eventId, ts);
    String name = nextString(20);
    String description = nextString(100);
    long reserve = initialBid + nextPrice();
    put(row, at, 0, id);
    put(row, at, 1, name);
    put(row, at, 2, description);
    put(row, at, 3, initialBid);
    put(row, at, 4, reserve);
    put(row, at, 5, ts);
    put(row, at, 6, expires);
    put(row, at, 7, seller);
    put(row, at, 8, category);
    if (at[9] >= 0) {
      int size = 8 + name.length() + description.length() + 8 + 8 + 8 + 8 + 8;
      row[at[9]] = nextExtra(size, config.avgAuctionBytes);
    }
  }

  private void bid(long eventId, long ts, Object[] row, int[] at) {
    long auction;
    if (random.nextInt(config.hotAuctionRatio) > 0) {
      // The first auction of the batch of the last HOT_AUCTION_RATIO auctions.
      auction = (lastBase0AuctionId(eventId) / HOT_AUCTION_RATIO) * HOT_AUCTION_RATIO;
    } else {
      auction = nextBase0AuctionId(eventId);
    }
    auction += NexmarkConfig.FIRST_AUCTION_ID;
    long bidder;
    if (random.nextInt(config.hotBiddersRatio) > 0) {
      // The second person of the batch of the last HOT_BIDDER_RATIO people, so hot bidders and
      // hot sellers differ.
      bidder = (lastBase0PersonId(eventId) / HOT_BIDDER_RATIO) * HOT_BIDDER_RATIO + 1;
    } else {
      bidder = nextBase0PersonId(eventId);
    }
    bidder += NexmarkConfig.FIRST_PERSON_ID;
    long price = nextPrice();
    String channel;
    String url;
    if (random.nextInt(HOT_CHANNELS_RATIO) > 0) {
      int i = random.nextInt(HOT_CHANNELS.length);
      channel = HOT_CHANNELS[i];
      url = hotUrls[i];
    } else {
      String[] c = channel(random.nextInt(CHANNELS_NUMBER));
      channel = c[0];
      url = c[1];
    }
    put(row, at, 0, auction);
    put(row, at, 1, bidder);
    put(row, at, 2, price);
    put(row, at, 3, channel);
    put(row, at, 4, url);
    put(row, at, 5, ts);
    if (at[6] >= 0) {
      row[at[6]] = nextExtra(8 + 8 + 8 + 8, config.avgBidBytes);
    }
  }

  /**
   * Spreads consecutive event ids over the seed space (SplitMix64's finalizer): the first draws
   * of {@link java.util.Random}'s generator from nearby seeds are nearly equal.
   */
  private static long mix(long id) {
    long z = id + 0x9E3779B97F4A7C15L;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  private static void put(Object[] row, int[] at, int column, Object value) {
    int i = at[column];
    if (i >= 0) {
      row[i] = value;
    }
  }

  // ------------------------------------------------------------------ ids

  /** The last person id (from 0) at event {@code eventId}: this one, if it is a person. */
  long lastBase0PersonId(long eventId) {
    long epoch = eventId / config.totalProportion;
    long offset = eventId % config.totalProportion;
    if (offset >= config.personProportion) {
      offset = config.personProportion - 1;
    }
    return epoch * config.personProportion + offset;
  }

  /** The last auction id (from 0) at event {@code eventId}: this one, if it is an auction. */
  long lastBase0AuctionId(long eventId) {
    long epoch = eventId / config.totalProportion;
    long offset = eventId % config.totalProportion;
    if (offset < config.personProportion) {
      epoch--;
      offset = config.auctionProportion - 1;
    } else if (offset >= config.personProportion + config.auctionProportion) {
      offset = config.auctionProportion - 1;
    } else {
      offset -= config.personProportion;
    }
    return epoch * config.auctionProportion + offset;
  }

  /** One of the active people, or one of a few not created yet. */
  private long nextBase0PersonId(long eventId) {
    long numPeople = lastBase0PersonId(eventId) + 1;
    long activePeople = Math.min(numPeople, NexmarkConfig.NUM_ACTIVE_PEOPLE);
    long n = random.nextLong(activePeople + PERSON_ID_LEAD);
    return numPeople - activePeople + n;
  }

  /** One of the auctions in flight, or one of a few not created yet. */
  private long nextBase0AuctionId(long eventId) {
    long maxAuction = lastBase0AuctionId(eventId);
    long minAuction = Math.max(maxAuction - NexmarkConfig.NUM_IN_FLIGHT_AUCTIONS, 0);
    return minAuction + random.nextLong(maxAuction - minAuction + 1 + AUCTION_ID_LEAD);
  }

  /** Averages the time until {@code NUM_IN_FLIGHT_AUCTIONS} more auctions are created. */
  private long nextAuctionLengthMs(long eventId, long ts) {
    long eventsForAuctions = ((long) NexmarkConfig.NUM_IN_FLIGHT_AUCTIONS
        * config.totalProportion) / config.auctionProportion;
    long futureAuction = timestamp(eventId + eventsForAuctions);
    long horizonMs = futureAuction - ts;
    return 1L + random.nextLong(Math.max(horizonMs * 2, 1L));
  }

  // ------------------------------------------------------------------ values

  private long nextPrice() {
    return Math.round(Math.pow(10.0, random.nextDouble() * 6.0) * 100.0);
  }

  /** Lowercase text with some spaces, {@code MIN_STRING_LENGTH} up to {@code maxLength - 1}. */
  private String nextString(int maxLength) {
    int len = MIN_STRING_LENGTH + random.nextInt(maxLength - MIN_STRING_LENGTH);
    sb.setLength(0);
    while (len-- > 0) {
      if (random.nextInt(13) == 0) {
        sb.append(' ');
      } else {
        sb.append((char) ('a' + random.nextInt(26)));
      }
    }
    return sb.toString().trim();
  }

  /** Lowercase letters, exactly {@code length} of them, six per random int. */
  private String nextExactString(int length) {
    sb.setLength(0);
    int rnd = 0;
    int n = 0;
    while (length-- > 0) {
      if (n == 0) {
        rnd = random.nextInt();
        n = 6;
      }
      sb.append((char) ('a' + Math.abs(rnd % 26)));
      rnd /= 26;
      n--;
    }
    return sb.toString();
  }

  /** Padding so that {@code currentSize} plus its length averages {@code averageSize}. */
  private String nextExtra(int currentSize, int averageSize) {
    if (currentSize > averageSize) {
      return "";
    }
    int desired = averageSize - currentSize;
    int delta = (int) Math.round(desired * 0.2);
    int minSize = desired - delta;
    int size = minSize + (delta == 0 ? 0 : random.nextInt(2 * delta));
    return nextExactString(size);
  }

  /** Channel {@code n}'s name and URL (the same for every event, seeded by {@code n}). */
  private String[] channel(int n) {
    String[] c = channels.get(n);
    if (c == null) {
      EventRandom r = new EventRandom(0x63686E6CL + n);
      String url = baseUrl(r);
      if (r.nextInt(10) > 0) {
        url = url + "&channel_id=" + Math.abs(Integer.reverse(n));
      }
      c = new String[] {"channel-" + n, url};
      channels.put(n, c);
    }
    return c;
  }

  private static String baseUrl(EventRandom r) {
    return "https://www.nexmark.com/" + urlPart(r) + '/' + urlPart(r) + '/' + urlPart(r)
        + "/item.htm?query=1";
  }

  private static String urlPart(EventRandom r) {
    int len = MIN_STRING_LENGTH + r.nextInt(5 - MIN_STRING_LENGTH);
    StringBuilder sb = new StringBuilder(len);
    for (int i = 0; i < len; i++) {
      sb.append(r.nextInt(13) == 0 ? '_' : (char) ('a' + r.nextInt(26)));
    }
    return sb.toString();
  }
}
