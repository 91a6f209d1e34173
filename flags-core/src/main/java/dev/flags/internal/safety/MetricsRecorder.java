package dev.flags.internal.safety;

import dev.flags.ErrorCode;
import dev.flags.Reason;
import dev.flags.internal.snapshot.CompiledFlag;
import dev.flags.internal.snapshot.EvaluationCounters;
import dev.flags.internal.snapshot.Snapshot;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/**
 * The client's metrics: the counters of each served base snapshot ({@link EvaluationCounters},
 * made here when a base is served) summed into rows by document version, flag, variant and
 * reason, and the client's event counters (swaps, rejections, kills, guardrail trips,
 * exposures). Counts are cumulative; an interval is the difference from a baseline taken at the
 * previous {@link #reset}. Thread-safe: counting is lock-free in the counters; reading and
 * serving synchronize on this recorder.
 *
 * <p>Memory stays bounded however many documents are served: the counters of the last {@value
 * #LIVE_TABLES} served bases are read directly, older ones are folded into rows (an evaluation
 * still counting into a folded table, from a long-pinned snapshot, is no longer seen), and rows
 * of the last {@value #VERSIONS} document versions are kept.
 */
public final class MetricsRecorder {
  static final int LIVE_TABLES = 8;
  static final int VERSIONS = 16;

  /** One row of counts. {@code flag} is empty for errors without a flag. */
  public record Row(
      String version,
      String flag,
      @Nullable String variant,
      Reason reason,
      boolean rollout,
      boolean fixed,
      @Nullable ErrorCode error) {}

  /** The event counters, indexed by {@link Event#ordinal()}. */
  public enum Event {
    SWAPS,
    REJECTIONS,
    KILLS,
    GUARDRAIL_TRIPS,
    EXPOSURES,
    EXPOSURES_DROPPED,
    EXPOSURE_SHEDS,
    EXPOSURE_SHED_MILLIS
  }

  /** Counts at one moment: rows with a count above zero, and the event counters. */
  public static final class Totals {
    private final Map<Row, Long> rows;
    private final long[] events;

    Totals(Map<Row, Long> rows, long[] events) {
      this.rows = rows;
      this.events = events;
    }

    /**
     * The rows.
     *
     * @return the rows above zero, with their counts
     */
    public Map<Row, Long> rows() {
      return rows;
    }

    /**
     * The event counters, by {@link Event} ordinal.
     *
     * @return a copy
     */
    public long[] events() {
      return events.clone();
    }
  }

  private final boolean evaluations;
  private final @Nullable ExposureTracker exposures;
  private final AtomicLong[] events = new AtomicLong[Event.values().length];
  private final Deque<Table> live = new ArrayDeque<>();
  private final Map<Row, Long> folded = new HashMap<>();
  private final Set<String> versions = new LinkedHashSet<>();
  private Totals baseline = new Totals(Map.of(), new long[Event.values().length]);

  /** A served base's counters with what names their slots. */
  private record Table(String version, List<CompiledFlag> flags, EvaluationCounters counters) {}

  /**
   * A recorder.
   *
   * @param evaluations whether evaluations are counted (metrics on); events always are
   * @param exposures the exposure tracker whose deliveries and drops are counted, or null
   */
  public MetricsRecorder(boolean evaluations, @Nullable ExposureTracker exposures) {
    this.evaluations = evaluations;
    this.exposures = exposures;
    for (int i = 0; i < events.length; i++) {
      events[i] = new AtomicLong();
    }
  }

  /**
   * Whether evaluations are counted.
   *
   * @return true when metrics are on
   */
  public boolean countsEvaluations() {
    return evaluations;
  }

  /**
   * Makes the counters for a base about to be served.
   *
   * @param base the base snapshot
   * @return its counters, or null when metrics are off
   */
  public synchronized @Nullable EvaluationCounters countersFor(Snapshot base) {
    if (!evaluations) {
      return null;
    }
    EvaluationCounters c = EvaluationCounters.of(base);
    live.addLast(new Table(base.version(), base.flagList(), c));
    seen(base.version());
    while (live.size() > LIVE_TABLES) {
      addRows(live.removeFirst(), folded);
    }
    return c;
  }

  /**
   * Counts one event.
   *
   * @param event the event
   */
  public void count(Event event) {
    events[index(event)].incrementAndGet();
  }

  @SuppressWarnings("EnumOrdinal") // indexes the arrays sized by Event.values()
  private static int index(Event event) {
    return event.ordinal();
  }

  /**
   * The cumulative counts now.
   *
   * @return the totals since the recorder was made
   */
  public synchronized Totals totals() {
    Map<Row, Long> rows = new LinkedHashMap<>(folded);
    for (Table t : live) {
      addRows(t, rows);
    }
    rows.keySet().removeIf(r -> !versions.contains(r.version()));
    long[] e = new long[events.length];
    for (int i = 0; i < e.length; i++) {
      e[i] = events[i].get();
    }
    ExposureTracker x = exposures;
    if (x != null) {
      e[index(Event.EXPOSURES)] += x.delivered();
      e[index(Event.EXPOSURES_DROPPED)] += x.dropped();
      e[index(Event.EXPOSURE_SHEDS)] += x.sheds();
      e[index(Event.EXPOSURE_SHED_MILLIS)] += x.shedMillis();
    }
    return new Totals(rows, e);
  }

  /**
   * The counts since the previous reset (or since the recorder was made), and a new interval.
   *
   * @return the interval's counts
   */
  public synchronized Totals reset() {
    Totals now = totals();
    Totals interval = difference(now, baseline);
    baseline = now;
    return interval;
  }

  /** {@code later - earlier}, row by row; rows that did not grow are left out. */
  static Totals difference(Totals later, Totals earlier) {
    Map<Row, Long> rows = new LinkedHashMap<>();
    for (Map.Entry<Row, Long> e : later.rows().entrySet()) {
      long d = e.getValue() - earlier.rows().getOrDefault(e.getKey(), 0L);
      if (d > 0) {
        rows.put(e.getKey(), d);
      }
    }
    long[] events = new long[later.events.length];
    for (int i = 0; i < events.length; i++) {
      events[i] = later.events[i] - earlier.events[i];
    }
    return new Totals(rows, events);
  }

  private void seen(String version) {
    versions.remove(version);
    versions.add(version);
    while (versions.size() > VERSIONS) {
      String oldest = versions.iterator().next();
      versions.remove(oldest);
      folded.keySet().removeIf(r -> r.version().equals(oldest));
    }
  }

  /** Adds a table's counts to {@code rows}, by row. */
  private static void addRows(Table t, Map<Row, Long> rows) {
    long[] sums = t.counters().sums();
    ErrorCode[] codes = ErrorCode.values();
    Reason[] reasons = Reason.values();
    for (CompiledFlag f : t.flags()) {
      int at = t.counters().offset(f);
      List<String> variants = f.variantNames();
      for (int v = 0; v < variants.size(); v++) {
        for (int k = 0; k < EvaluationCounters.KINDS; k++) {
          long n = sums[at + v * EvaluationCounters.KINDS + k];
          if (n > 0) {
            rows.merge(servedRow(t.version(), f.key(), variants.get(v), k, reasons), n, Long::sum);
          }
        }
      }
      int flagSlots = at + variants.size() * EvaluationCounters.KINDS;
      add(
          rows,
          new Row(t.version(), f.key(), null, Reason.DEFAULT, false, false, null),
          sums[flagSlots]);
      for (ErrorCode c : codes) {
        add(rows, errorRow(t.version(), f.key(), c), sums[flagSlots + 1 + index(c)]);
      }
    }
    int errors = t.counters().size() - EvaluationCounters.ERROR_SLOTS;
    for (ErrorCode c : codes) {
      add(rows, errorRow(t.version(), "", c), sums[errors + index(c)]);
    }
  }

  /** The row of a served kind (see {@link EvaluationCounters}'s layout). */
  static Row servedRow(String version, String flag, String variant, int kind, Reason[] reasons) {
    return switch (kind) {
      case EvaluationCounters.RULE_SPLIT ->
        new Row(version, flag, variant, Reason.RULE_MATCH, true, false, null);
      case EvaluationCounters.FALLTHROUGH_SPLIT ->
        new Row(version, flag, variant, Reason.FALLTHROUGH, true, false, null);
      case EvaluationCounters.STATIC_FALLTHROUGH ->
        new Row(version, flag, variant, Reason.FALLTHROUGH, false, true, null);
      default -> new Row(version, flag, variant, reasons[kind], false, false, null);
    };
  }

  @SuppressWarnings("EnumOrdinal") // the counters' layout is by ordinal
  private static int index(ErrorCode c) {
    return c.ordinal();
  }

  private static Row errorRow(String version, String flag, ErrorCode c) {
    return new Row(version, flag, null, Reason.ERROR, false, false, c);
  }

  private static void add(Map<Row, Long> rows, Row row, long n) {
    if (n > 0) {
      rows.merge(row, n, Long::sum);
    }
  }

  /** The number of tables read directly; for tests. */
  synchronized int liveTables() {
    return live.size();
  }
}
