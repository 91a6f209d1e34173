package dev.flags.internal.safety;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flags.Context;
import dev.flags.DocumentLimits;
import dev.flags.Reason;
import dev.flags.internal.document.DocumentLoader;
import dev.flags.internal.snapshot.EvaluationCounters;
import dev.flags.internal.snapshot.Evaluator;
import dev.flags.internal.snapshot.Snapshot;
import dev.flags.testsupport.Docs;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

final class MetricsRecorderTest {
  private static Snapshot compile(String version) {
    DocumentLoader loader = new DocumentLoader(DocumentLimits.defaults());
    return loader.load(
        Docs.doc(version, Docs.onOff("f", "on")).getBytes(java.nio.charset.StandardCharsets.UTF_8),
        Instant.EPOCH);
  }

  private static void evaluate(Snapshot s, EvaluationCounters c, int times) {
    for (int i = 0; i < times; i++) {
      c.count(s.flag("f"), Evaluator.evaluate(s, s.flag("f"), Context.of("u")));
    }
  }

  @Test
  void totals_sumTablesOfTheSameVersion_andKeepVersionsApart() {
    MetricsRecorder r = new MetricsRecorder(true, null);
    Snapshot v1 = compile("v1");
    evaluate(v1, r.countersFor(v1), 2);
    evaluate(v1, r.countersFor(v1), 3); // served again (a rollback): same rows
    Snapshot v2 = compile("v2");
    evaluate(v2, r.countersFor(v2), 4);

    Map<MetricsRecorder.Row, Long> rows = r.totals().rows();
    assertThat(rows)
        .containsEntry(
            new MetricsRecorder.Row("v1", "f", "on", Reason.FALLTHROUGH, false, true, null), 5L)
        .containsEntry(
            new MetricsRecorder.Row("v2", "f", "on", Reason.FALLTHROUGH, false, true, null), 4L)
        .hasSize(2);
  }

  @Test
  void countersFor_manyServes_foldsOldTablesAndKeepsTheirCounts() {
    MetricsRecorder r = new MetricsRecorder(true, null);
    Snapshot v1 = compile("v1");
    for (int i = 0; i < MetricsRecorder.LIVE_TABLES + 5; i++) {
      evaluate(v1, r.countersFor(v1), 1);
    }
    assertThat(r.liveTables()).isEqualTo(MetricsRecorder.LIVE_TABLES);
    assertThat(r.totals().rows().values()).containsExactly((long) MetricsRecorder.LIVE_TABLES + 5);
  }

  @Test
  void countersFor_manyVersions_keepsTheNewest() {
    MetricsRecorder r = new MetricsRecorder(true, null);
    for (int v = 0; v < MetricsRecorder.VERSIONS + LIVE_EXTRA; v++) {
      Snapshot s = compile("v" + v);
      evaluate(s, r.countersFor(s), 1);
    }
    assertThat(r.totals().rows()).hasSize(MetricsRecorder.VERSIONS);
  }

  private static final int LIVE_EXTRA = MetricsRecorder.LIVE_TABLES + 3;

  @Test
  void reset_returnsTheIntervalAndStartsTheNext() {
    MetricsRecorder r = new MetricsRecorder(true, null);
    Snapshot v1 = compile("v1");
    EvaluationCounters c = r.countersFor(v1);
    evaluate(v1, c, 3);
    r.count(MetricsRecorder.Event.SWAPS);

    MetricsRecorder.Totals first = r.reset();
    evaluate(v1, c, 2);
    MetricsRecorder.Totals second = r.reset();

    assertThat(first.rows().values()).containsExactly(3L);
    assertThat(first.events()[0]).isEqualTo(1);
    assertThat(second.rows().values()).containsExactly(2L);
    assertThat(second.events()[0]).isZero();
    assertThat(r.totals().rows().values()).containsExactly(5L);
  }

  @Test
  void countersFor_metricsOff_isNull() {
    MetricsRecorder r = new MetricsRecorder(false, null);
    assertThat(r.countersFor(compile("v1"))).isNull();
    assertThat(r.countsEvaluations()).isFalse();
  }
}
