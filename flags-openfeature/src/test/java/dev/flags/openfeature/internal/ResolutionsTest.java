package dev.flags.openfeature.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flags.ErrorCode;
import dev.flags.Evaluation;
import dev.flags.Reason;
import dev.openfeature.sdk.ImmutableMetadata;
import dev.openfeature.sdk.ProviderEvaluation;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Each flags error code as an OpenFeature code, and the metadata built once per result. */
final class ResolutionsTest {
  private final Resolutions resolutions = new Resolutions(false);

  @Test
  void of_everyErrorCode_mappedWithItsMessage() {
    Map<ErrorCode, String> expected = Map.of(
        ErrorCode.NOT_READY, "PROVIDER_NOT_READY: no flag document has been loaded yet",
        ErrorCode.FLAG_NOT_FOUND, "FLAG_NOT_FOUND: flag 'f' is not in document version 'v3'",
        ErrorCode.TYPE_MISMATCH, "TYPE_MISMATCH: flag 'f' is of another type",
        ErrorCode.INVALID_CONTEXT, "INVALID_CONTEXT: the evaluation context was null",
        ErrorCode.GENERAL, "GENERAL: evaluating flag 'f' failed (logged by flags-core)");
    for (ErrorCode code : ErrorCode.values()) {
      ProviderEvaluation<String> e =
          resolutions.of("f", "d", Resolutions.Kind.STRING, Evaluation.error(code, "v3"));

      assertThat(e.getErrorCode() + ": " + e.getErrorMessage()).isEqualTo(expected.get(code));
      assertThat(e.getValue()).isEqualTo("d");
      assertThat(e.getReason()).isEqualTo("ERROR");
    }
  }

  @Test
  void of_sameResultWithRuleId_sameMetadataInstanceUntilTheCacheIsFull() {
    Evaluation first = rule("r0");
    ImmutableMetadata m =
        resolutions.of("f", false, Resolutions.Kind.BOOLEAN, first).getFlagMetadata();

    assertThat(resolutions.of("f", false, Resolutions.Kind.BOOLEAN, first).getFlagMetadata())
        .isSameAs(m);
    for (int i = 1; i <= Resolutions.MAX_CACHED; i++) {
      resolutions.of("f", false, Resolutions.Kind.BOOLEAN, rule("r" + i));
    }
    ImmutableMetadata again =
        resolutions.of("f", false, Resolutions.Kind.BOOLEAN, first).getFlagMetadata();
    assertThat(again).isNotSameAs(m).isEqualTo(m);
    assertThat(again.getString("ruleId")).isEqualTo("r0");
  }

  @Test
  void of_resultOfADocumentSwappedOut_metadataBuiltButNotKept() {
    java.util.concurrent.atomic.AtomicInteger asked =
        new java.util.concurrent.atomic.AtomicInteger();
    Resolutions swapped = new Resolutions(false, (key, version) -> {
      asked.incrementAndGet();
      return null;
    });
    Evaluation e = rule("r0");

    ImmutableMetadata first =
        swapped.of("f", false, Resolutions.Kind.BOOLEAN, e).getFlagMetadata();
    ImmutableMetadata second =
        swapped.of("f", false, Resolutions.Kind.BOOLEAN, e).getFlagMetadata();

    assertThat(first).isEqualTo(second).isNotSameAs(second);
    assertThat(first.asUnmodifiableMap()).isEqualTo(Map.of("version", "v1", "ruleId", "r0"));
    assertThat(asked).hasValue(2);
  }

  private static Evaluation rule(String id) {
    return Evaluation.served(
        true, "true", "on", Reason.RULE_MATCH, id, null, "v1", Set.of(), List.of("country"));
  }

  @Test
  void values_notAVariantValue_rejected() {
    assertThatThrownBy(() -> Values.of(new Object()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("not a variant value: java.lang.Object");
  }
}
