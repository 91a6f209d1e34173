package dev.flags.internal.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flags.DocumentLimits;
import dev.flags.internal.document.DocumentLoader;
import dev.flags.internal.snapshot.FlagDocument;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** A new document takes the flags and segments it has unchanged from the document before it. */
final class EqualPartsTest {
  private static final DocumentLoader LOADER = new DocumentLoader(DocumentLimits.defaults());

  /** Flags {@code a} (a segment rule, a semver and a regex), {@code b} and {@code c}; segment. */
  private static FlagDocument doc(String version, String bFallthrough, String segmentKey) {
    String json = """
        {"schema": 1, "version": "%s",
         "segments": {"beta": {"included": ["%s", "u2"], "rules": [{"id": "staff",
           "conditions": [{"attribute": "email", "op": "endsWith", "value": "@example.com"}]}]}},
         "flags": {
           "a": {"description": "a flag that every version leaves as it is",
                 "variants": {"on": true, "off": false}, "offVariant": "off",
                 "rules": [{"id": "r1", "conditions": [
                   {"op": "inSegment", "values": ["beta"]},
                   {"attribute": "appVersion", "op": "semverGte", "value": "2.1.0"},
                   {"attribute": "email", "op": "matches", "value": "^[a-z]+@x[.]com$"}],
                   "variant": "on"}],
                 "fallthrough": {"variant": "off"}},
           "b": {"variants": {"on": true, "off": false}, "offVariant": "off",
                 "fallthrough": {"variant": "%s"}},
           "c": {"variants": {"red": "red", "blue": "blue"}, "offVariant": "red",
                 "fallthrough": {"rollout": {"variants": [
                   {"variant": "red", "weight": 50000}, {"variant": "blue", "weight": 50000}]}}}
         }}
        """.formatted(version, segmentKey, bFallthrough);
    return LOADER.validate(json.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void reuse_noPreviousDocument_returnsTheDocumentItself() {
    FlagDocument next = doc("v1", "on", "u1");

    assertThat(EqualParts.reuse(next, null)).isSameAs(next);
  }

  @Test
  void reuse_oneFlagChanged_takesTheOthersAndTheSegmentFromTheDocumentBefore() {
    FlagDocument previous = doc("v1", "on", "u1");
    FlagDocument next = doc("v2", "off", "u1");

    FlagDocument shared = EqualParts.reuse(next, previous);

    assertThat(shared).isEqualTo(next);
    assertThat(shared.version()).isEqualTo("v2");
    assertThat(shared.flags().keySet()).containsExactly("a", "b", "c");
    assertThat(shared.flags().get("a")).isSameAs(previous.flags().get("a"));
    assertThat(shared.flags().get("c")).isSameAs(previous.flags().get("c"));
    assertThat(shared.flags().get("b"))
        .isSameAs(next.flags().get("b"))
        .isNotEqualTo(previous.flags().get("b"));
    assertThat(shared.segments().get("beta")).isSameAs(previous.segments().get("beta"));
  }

  @Test
  void reuse_segmentChanged_keepsTheNewSegmentAndStillTakesTheFlags() {
    FlagDocument previous = doc("v1", "on", "u1");
    FlagDocument next = doc("v2", "on", "u9");

    FlagDocument shared = EqualParts.reuse(next, previous);

    assertThat(shared.segments().get("beta").included()).containsExactly("u9", "u2");
    assertThat(shared.segments().get("beta")).isSameAs(next.segments().get("beta"));
    assertThat(shared.flags().get("a")).isSameAs(previous.flags().get("a"));
    assertThat(shared.flags().get("b")).isSameAs(previous.flags().get("b"));
  }

  @Test
  void reuse_nothingEqual_returnsTheDocumentItself() {
    FlagDocument previous = LOADER.validate(
        "{\"schema\":1,\"version\":\"x\",\"flags\":{\"other\":{\"variants\":{\"on\":true},"
            .concat("\"offVariant\":\"on\",\"fallthrough\":{\"variant\":\"on\"}}}}")
            .getBytes(StandardCharsets.UTF_8));
    FlagDocument next = doc("v2", "on", "u1");

    assertThat(EqualParts.reuse(next, previous)).isSameAs(next);
  }

  @Test
  void reuse_firstFlagChangedOnly_keepsTheOrderOfTheNewDocument() {
    FlagDocument previous = doc("v1", "on", "u1");
    FlagDocument next = LOADER.validate("""
        {"schema": 1, "version": "v2", "flags": {
          "new": {"variants": {"on": true}, "offVariant": "on", "fallthrough": {"variant": "on"}},
          "b": {"variants": {"on": true, "off": false}, "offVariant": "off",
                "fallthrough": {"variant": "on"}}}}
        """.getBytes(StandardCharsets.UTF_8));

    FlagDocument shared = EqualParts.reuse(next, previous);

    assertThat(shared.flags().keySet()).containsExactly("new", "b");
    assertThat(shared.flags().get("new")).isSameAs(next.flags().get("new"));
    assertThat(shared.flags().get("b")).isSameAs(previous.flags().get("b"));
    assertThat(shared.segments()).isEmpty();
  }
}
