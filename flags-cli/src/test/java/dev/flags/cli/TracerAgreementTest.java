package dev.flags.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flags.Context;
import dev.flags.Evaluation;
import dev.flags.Reason;
import dev.flags.internal.snapshot.FlagDocument.Flag;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The steps of explain arrive where the evaluator does: for every flag of several documents and
 * thousands of contexts (values the conditions compare with, values beside them, missing
 * attributes, and the same values with the wrong types), the trace's reason, variant, rule and
 * prerequisite equal the evaluation's.
 */
final class TracerAgreementTest {

  @Test
  void trace_agreesWithTheEvaluator_onEveryDocumentAndContext() throws IOException {
    Set<Reason> seen = EnumSet.noneOf(Reason.class);
    int checked = 0;
    for (String file :
        List.of(Cli.EXAMPLE, ExplainStepsTest.DOC, "src/test/resources/explain/operators.json")) {
      LoadedDocument doc =
          LoadedDocument.load(file, Files.readAllBytes(Path.of(file)), Instant.now());
      List<Context> contexts = new ArrayList<>();
      for (Context c :
          ContextSamples.generate(doc.model(), doc.model(), 1_500, 7).contexts()) {
        contexts.add(c);
        contexts.add(retyped(c));
        contexts.add(Context.newBuilder("").build());
      }
      for (Flag flag : doc.model().flags().values()) {
        for (Context c : contexts) {
          Evaluation e = Eval.evaluate(doc.snapshot(), flag.key(), c);
          Trace t = Tracer.trace(doc, flag, c);
          assertThat(Explain.agrees(t, e))
              .as("%s %s for %s: trace %s, evaluation %s", file, flag.key(), c, t, e)
              .isTrue();
          seen.add(e.reason());
          checked++;
        }
      }
    }
    assertThat(checked).isGreaterThan(50_000);
    assertThat(seen)
        .contains(
            Reason.TARGET_MATCH,
            Reason.RULE_MATCH,
            Reason.FALLTHROUGH,
            Reason.DEFAULT,
            Reason.DISABLED,
            Reason.PREREQUISITE_FAILED,
            Reason.OUTSIDE_SCHEDULE);
  }

  /** The same attributes with other types: numbers as text, text as numbers or lists. */
  private static Context retyped(Context c) {
    Context.Builder b = Context.newBuilder(c.key());
    for (String name : c.attributeNames()) {
      Object v = c.get(name);
      if (v instanceof Double d) {
        b.set(name, AttributeText.number(d));
      } else if (v instanceof Boolean bool) {
        b.set(name, bool.toString());
      } else if (v instanceof String s) {
        try {
          b.set(name, Double.parseDouble(s));
        } catch (NumberFormatException e) {
          b.set(name, List.of("other", s));
        }
      }
    }
    return b.build();
  }
}
