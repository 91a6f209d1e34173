package dev.flags;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;

/**
 * What the library logged during the tests, captured by {@link RecordingSlf4jProvider}. Lines at
 * INFO and above are also printed, so they end up in Surefire's per-class output files.
 */
public final class RecordingLogs {
  /** The audit logger's name. */
  public static final String AUDIT = "dev.flags.audit";

  private static final int MAX_LINES = 200_000;
  private static final ConcurrentLinkedQueue<Line> LINES = new ConcurrentLinkedQueue<>();
  private static final AtomicInteger SIZE = new AtomicInteger();
  private static final AtomicInteger SEQUENCE = new AtomicInteger();

  private RecordingLogs() {}

  /** One logged line. */
  public record Line(int sequence, String logger, Level level, String message, String thread) {
    @Override
    public String toString() {
      return level + " " + logger + " [" + thread + "] " + message;
    }
  }

  /** A position in the log, to read what was logged after it. */
  public static int mark() {
    return SEQUENCE.get();
  }

  /** Lines of one logger logged after {@code mark}, in order. */
  public static List<Line> since(int mark, String logger) {
    List<Line> out = new ArrayList<>();
    for (Line l : LINES) {
      if (l.sequence() >= mark && l.logger().equals(logger)) {
        out.add(l);
      }
    }
    out.sort((a, b) -> Integer.compare(a.sequence(), b.sequence()));
    return out;
  }

  /** Audit lines logged after {@code mark}. */
  public static List<Line> auditSince(int mark) {
    return since(mark, AUDIT);
  }

  static void record(String logger, Level level, String message) {
    Line line = new Line(
        SEQUENCE.getAndIncrement(),
        logger,
        level,
        message,
        Thread.currentThread().getName());
    LINES.add(line);
    if (SIZE.incrementAndGet() > MAX_LINES) {
      LINES.poll();
      SIZE.decrementAndGet();
    }
    if (level.toInt() >= Level.INFO.toInt()) {
      System.out.println(line);
    }
  }

  /** Records every level; formats the message as SLF4J would. */
  static final class RecordingLogger extends LegacyAbstractLogger {
    private static final long serialVersionUID = 1L;

    RecordingLogger(String name) {
      this.name = name;
    }

    @Override
    public boolean isTraceEnabled() {
      return false;
    }

    @Override
    public boolean isDebugEnabled() {
      return true;
    }

    @Override
    public boolean isInfoEnabled() {
      return true;
    }

    @Override
    public boolean isWarnEnabled() {
      return true;
    }

    @Override
    public boolean isErrorEnabled() {
      return true;
    }

    @Override
    protected String getFullyQualifiedCallerName() {
      return null;
    }

    @Override
    protected void handleNormalizedLoggingCall(
        Level level, Marker marker, String pattern, Object[] arguments, Throwable throwable) {
      String message = MessageFormatter.basicArrayFormat(pattern, arguments);
      record(name, level, throwable == null ? message : message + " [" + throwable + "]");
    }
  }
}
