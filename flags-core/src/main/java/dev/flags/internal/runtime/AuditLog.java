package dev.flags.internal.runtime;

import dev.flags.ChangeEvent;
import dev.flags.spi.LoadResult;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The audit trail: one line on the SLF4J logger {@code dev.flags.audit} for every swap,
 * rejection, kill (by an operator or a guardrail), restore, override, rollback and close, and the one place where those lines are
 * worded. Swaps and closes are INFO; everything an operator or a bad document did is WARN.
 */
final class AuditLog {
  private static final Logger LOG = LoggerFactory.getLogger("dev.flags.audit");
  /** Problems listed in a rejection line; the rest are counted. */
  private static final int PROBLEMS_LISTED = 20;

  void swap(
      String from,
      String to,
      ChangeEvent.Cause cause,
      String source,
      String summary,
      @Nullable String note) {
    LOG.info(
        "swap {} -> {} cause={} source={} {}{}",
        from.isEmpty() ? "(none)" : from,
        to,
        cause,
        source,
        summary,
        note == null ? "" : " (" + note + ")");
  }

  void acceptWhilePinned(String version, String source, String served, String summary) {
    LOG.info(
        "accept version={} source={} while pinned: still serving {} until unpin() ({})",
        version,
        source,
        served,
        summary);
  }

  void reject(String source, LoadResult rejected, String served) {
    LOG.warn(
        "reject source={} version={} problems={}: {} (still serving {})",
        source,
        rejected.version(),
        rejected.problems().size(),
        rejected.problemList(PROBLEMS_LISTED),
        served);
  }

  void kill(String flag, String reason, boolean served, String version) {
    LOG.warn(
        "kill flag={} reason=\"{}\"{} version={}",
        flag,
        reason,
        served ? "" : " (not in the served document; applies if it appears)",
        version);
  }

  void killTag(String tag, List<String> flags, String reason, String version) {
    LOG.warn("kill tag={} flags={} reason=\"{}\" version={}", tag, flags, reason, version);
  }

  void restore(String flag, String version) {
    LOG.warn("restore flag={} version={}", flag, version);
  }

  void guardrailKill(String flag, String description, String version) {
    LOG.warn("guardrail kill flag={} version={}: {}", flag, version, description);
  }

  void guardrailRestore(String flag, String version) {
    LOG.warn(
        "restore flag={} version={}: the new document changes the flag and its guardrail"
            + " restores on a new document",
        flag,
        version);
  }

  void restoreTag(String tag, List<String> flags, String version) {
    LOG.warn("restore tag={} flags={} version={}", tag, flags, version);
  }

  void override(
      String flag, String variant, @Nullable List<String> keys, boolean served, String version) {
    LOG.warn(
        "override flag={} variant={} keys={}{} version={}",
        flag,
        variant,
        keys == null ? "all" : keys,
        served ? "" : " (not in the served document; applies if it appears with this variant)",
        version);
  }

  void clearOverride(String flag) {
    LOG.warn("clear override flag={}", flag);
  }

  void rollback(String from, String to, String summary) {
    LOG.warn("rollback {} -> {}: pinned until unpin() or an explicit load; {}", from, to, summary);
  }

  void unpin(String version, String summary) {
    LOG.warn("unpin: serving latest {}; {}", version, summary);
  }

  void close(String client, String version) {
    LOG.info("close client={} version={}", client, version);
  }
}
