package dev.flags;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Long prerequisite chains are bounded by a limit instead of overflowing the stack. */
final class PrerequisiteDepthTest {
  /** flag-0 requires flag-1, which requires flag-2, ... ; {@code n} flags in all. */
  private static String chain(int n) {
    StringBuilder sb = new StringBuilder("{\"schema\":1,\"version\":\"chain\",\"flags\":{");
    for (int i = 0; i < n; i++) {
      if (i > 0) {
        sb.append(',');
      }
      sb.append("\"flag-")
          .append(i)
          .append("\":{\"variants\":{\"on\":true,\"off\":false},")
          .append("\"offVariant\":\"off\",\"fallthrough\":{\"variant\":\"on\"}");
      if (i + 1 < n) {
        sb.append(",\"prerequisites\":[{\"flag\":\"flag-")
            .append(i + 1)
            .append("\",\"variant\":\"on\"}]");
      }
      sb.append('}');
    }
    return sb.append("}}").toString();
  }

  @Test
  void load_chainAtTheLimit_evaluatesThroughTheWholeChain() {
    int limit = DocumentLimits.DEFAULT_MAX_PREREQUISITE_DEPTH;
    try (Flags flags = Flags.newBuilder().document(chain(limit + 1)).build()) {
      assertThat(flags.evaluate("flag-0", Context.of("u")).reason()).isEqualTo(Reason.FALLTHROUGH);
      flags.kill("flag-" + limit, "end of the chain");
      Evaluation e = flags.evaluate("flag-0", Context.of("u"));
      assertThat(e.reason()).isEqualTo(Reason.PREREQUISITE_FAILED);
      assertThat(e.prerequisiteKey()).isEqualTo("flag-1");
    }
  }

  @Test
  void load_chainOf5000_rejectedWithOneProblemNamingTheLimit() {
    int limit = DocumentLimits.DEFAULT_MAX_PREREQUISITE_DEPTH;
    assertThatThrownBy(() -> Flags.newBuilder().document(chain(5_000)).build())
        .isInstanceOfSatisfying(
            InvalidDocumentException.class,
            e -> assertThat(e.problems())
                .extracting(Problem::toString)
                .containsExactly(
                    "flags.flag-0.prerequisites: prerequisites nest 4999 levels deep, exceeds the"
                        + " maximum allowed (" + limit
                        + ", from DocumentLimits.Builder.maxPrerequisiteDepth(int))"));
  }

  @Test
  void load_customLimit_isApplied() {
    DocumentLimits limits = DocumentLimits.newBuilder().maxPrerequisiteDepth(2).build();
    assertThatThrownBy(
            () -> Flags.newBuilder().limits(limits).document(chain(4)).build())
        .isInstanceOfSatisfying(
            InvalidDocumentException.class,
            e -> assertThat(e.problems())
                .extracting(Problem::path)
                .containsExactly("flags.flag-0.prerequisites"));
    try (Flags flags = Flags.newBuilder().limits(limits).document(chain(3)).build()) {
      assertThat(flags.isEnabled("flag-0")).isTrue();
    }
  }

  @Test
  void maxPrerequisiteDepth_zero_throws() {
    assertThatThrownBy(() -> DocumentLimits.newBuilder().maxPrerequisiteDepth(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("maxPrerequisiteDepth must be at least 1 but was 0");
  }
}
