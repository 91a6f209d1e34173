package dev.flags.internal.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flags.Context;
import dev.flags.DocumentLimits;
import dev.flags.ErrorCode;
import dev.flags.internal.document.DocumentLoader;
import dev.flags.testsupport.Concurrently;
import dev.flags.testsupport.Docs;
import java.time.Instant;
import org.junit.jupiter.api.Test;

final class EvaluationCountersTest {
  private static final String ROLLOUT = Docs.flag(
      "r",
      "'variants': {'on': true, 'off': false}, 'offVariant': 'off',"
          + " 'rules': [{'id': 'nz', 'conditions': [{'attribute': 'country', 'op': 'in',"
          + " 'values': ['NZ']}], 'variant': 'on'}],"
          + " 'fallthrough': {'rollout': {'variants': [{'variant': 'on', 'weight': 50000},"
          + " {'variant': 'off', 'weight': 50000}]}}");

  private final Snapshot s = new DocumentLoader(DocumentLimits.defaults())
      .load(
          Docs.doc("v1", Docs.onOff("f", "on"), ROLLOUT)
              .getBytes(java.nio.charset.StandardCharsets.UTF_8),
          Instant.EPOCH);

  @Test
  void slot_eachKindOfResult_hasItsOwnSlot() {
    CompiledFlag f = s.flag("f");
    CompiledFlag r = s.flag("r");
    Context nz = Context.newBuilder("k").set("country", "NZ").build();

    assertThat(EvaluationCounters.slot(f, Evaluator.evaluate(s, f, Context.of("a"))))
        .as("static fallthrough of 'on' (variant 0)")
        .isEqualTo(EvaluationCounters.STATIC_FALLTHROUGH);
    assertThat(EvaluationCounters.slot(r, Evaluator.evaluate(s, r, nz)))
        .as("rule match of 'on'")
        .isEqualTo(1); // RULE_MATCH is the second reason
    int split = EvaluationCounters.slot(r, Evaluator.evaluate(s, r, Context.of("a")));
    assertThat(split % EvaluationCounters.KINDS).isEqualTo(EvaluationCounters.FALLTHROUGH_SPLIT);
    assertThat(EvaluationCounters.slot(r, Evaluator.evaluate(s, r, Context.EMPTY)))
        .as("no key: no variant applies")
        .isEqualTo(2 * EvaluationCounters.KINDS);
    assertThat(EvaluationCounters.slot(f, s.error(ErrorCode.TYPE_MISMATCH)))
        .isEqualTo(2 * EvaluationCounters.KINDS + 1 + 2 /* TYPE_MISMATCH, the third code */);
    assertThat(EvaluationCounters.slotsOf(f))
        .isEqualTo(2 * EvaluationCounters.KINDS + EvaluationCounters.FLAG_SLOTS);
  }

  @Test
  void count_eightThreads_noCountIsLost() throws Exception {
    EvaluationCounters c = EvaluationCounters.of(s, 2); // fewer stripes than threads
    CompiledFlag f = s.flag("f");
    var on = Evaluator.evaluate(s, f, Context.of("a"));

    Concurrently.run(8, t -> {
      for (int i = 0; i < 100_000; i++) {
        c.count(f, on);
      }
      c.countWithoutFlag(ErrorCode.FLAG_NOT_FOUND);
    });
    long[] sums = c.sums();
    assertThat(sums[c.offset(f) + EvaluationCounters.STATIC_FALLTHROUGH]).isEqualTo(800_000);
    assertThat(sums[c.size() - EvaluationCounters.ERROR_SLOTS + 1]).isEqualTo(8);
  }

  @Test
  void stripes_twiceTheProcessorsAsAPowerOfTwo() {
    assertThat(EvaluationCounters.stripes(1)).isEqualTo(2);
    assertThat(EvaluationCounters.stripes(2)).isEqualTo(4);
    assertThat(EvaluationCounters.stripes(6)).isEqualTo(16);
    assertThat(EvaluationCounters.stripes(100)).isEqualTo(64);
  }

  @Test
  void of_stripesNotAPowerOfTwo_throws() {
    assertThatThrownBy(() -> EvaluationCounters.of(s, 3))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("stripes must be a power of two: 3");
  }
}
