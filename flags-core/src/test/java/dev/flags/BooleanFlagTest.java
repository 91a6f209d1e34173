package dev.flags;

import static dev.flags.TestDocuments.client;
import static dev.flags.TestDocuments.document;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** {@link BooleanFlag} handles: same answers as {@link Flags}, and they follow reloads. */
final class BooleanFlagTest {
  private static final String ON = document("""
      "feature": {"variants": {"on": true, "off": false}, "offVariant": "off",
                  "targets": [{"variant": "off", "keys": ["blocked"]}],
                  "fallthrough": {"variant": "on"}},
      "text": {"variants": {"a": "a"}, "offVariant": "a", "fallthrough": {"variant": "a"}}
      """);
  private static final String OFF = ON.replace(
          "\"fallthrough\": {\"variant\": \"on\"}", "\"fallthrough\": {\"variant\": \"off\"}")
      .replace(TestDocuments.VERSION, "v2");

  @Test
  void isEnabled_matchesTheClient() {
    Flags flags = client(ON);
    BooleanFlag handle = flags.booleanFlag("feature");

    assertThat(handle.key()).isEqualTo("feature");
    assertThat(handle.isEnabled(Context.of("u"))).isTrue();
    assertThat(handle.isEnabled(Context.of("blocked"))).isFalse();
    assertThat(handle.evaluate(Context.of("u")))
        .isSameAs(flags.evaluate("feature", Context.of("u")));
    assertThat(handle.evaluate(Context.of("blocked")).reason()).isEqualTo(Reason.TARGET_MATCH);
  }

  @Test
  void handle_followsReloads() {
    Flags flags = client(ON);
    BooleanFlag handle = flags.booleanFlag("feature");
    assertThat(handle.isEnabled(Context.of("u"))).isTrue();

    flags.load(OFF);

    assertThat(handle.isEnabled(Context.of("u"))).isFalse();
    assertThat(handle.evaluate(Context.of("u")).version()).isEqualTo("v2");

    flags.load(ON);

    assertThat(handle.isEnabled(Context.of("u"))).isTrue();
  }

  @Test
  void handle_createdBeforeAnyDocument_startsNotReadyThenServes() {
    Flags flags = Flags.newBuilder().build();
    BooleanFlag handle = flags.booleanFlag("feature");

    assertThat(handle.evaluate(Context.of("u")).errorCode()).isEqualTo(ErrorCode.NOT_READY);
    assertThat(handle.isEnabled(Context.of("u"))).isFalse();

    flags.load(ON);

    assertThat(handle.isEnabled(Context.of("u"))).isTrue();
  }

  @Test
  void handle_flagAddedAndRemovedByReloads_followsIt() {
    Flags flags = client(ON);
    BooleanFlag later = flags.booleanFlag("later");
    assertThat(later.evaluate(Context.of("u")).errorCode()).isEqualTo(ErrorCode.FLAG_NOT_FOUND);

    flags.load(ON.replace("\"feature\":", "\"later\":"));
    assertThat(later.isEnabled(Context.of("u"))).isTrue();

    flags.load(ON);
    assertThat(later.evaluate(Context.of("u")).errorCode()).isEqualTo(ErrorCode.FLAG_NOT_FOUND);
    assertThat(later.isEnabled(Context.of("u"))).isFalse();
  }

  @Test
  void handle_nonBooleanFlag_returnsTypeMismatchAndFalse() {
    BooleanFlag handle = client(ON).booleanFlag("text");

    assertThat(handle.evaluate(Context.of("u")).errorCode()).isEqualTo(ErrorCode.TYPE_MISMATCH);
    assertThat(handle.isEnabled(Context.of("u"))).isFalse();
  }

  @Test
  void handle_nullContext_returnsInvalidContextAndFalse() {
    BooleanFlag handle = client(ON).booleanFlag("feature");

    assertThat(handle.evaluate(null).errorCode()).isEqualTo(ErrorCode.INVALID_CONTEXT);
    assertThat(handle.isEnabled(null)).isFalse();
  }

  @Test
  void handle_anonymousContext_isEvaluatedLikeTheClient() {
    Flags flags = client(ON);

    assertThat(flags.booleanFlag("feature").isEnabled(Context.EMPTY))
        .isEqualTo(flags.isEnabled("feature"));
  }

  @Test
  void handle_sharedAcrossThreadsDuringReloads_alwaysAnswersFromOneOfTheDocuments()
      throws Exception {
    Flags flags = client(ON);
    BooleanFlag handle = flags.booleanFlag("feature");
    Context u = Context.of("u");
    java.util.concurrent.atomic.AtomicReference<Throwable> failure =
        new java.util.concurrent.atomic.AtomicReference<>();
    Thread[] readers = new Thread[4];
    for (int t = 0; t < readers.length; t++) {
      readers[t] = new Thread(() -> {
        try {
          for (int i = 0; i < 200_000; i++) {
            Evaluation e = handle.evaluate(u);
            boolean consistent =
                e.version().equals("v2") ? e.value().equals(false) : e.value().equals(true);
            if (!consistent) {
              throw new AssertionError("mixed documents: " + e);
            }
          }
        } catch (Throwable e) {
          failure.compareAndSet(null, e);
        }
      });
      readers[t].start();
    }
    for (int i = 0; i < 200; i++) {
      flags.load(i % 2 == 0 ? OFF : ON);
    }
    for (Thread t : readers) {
      t.join();
    }

    assertThat(failure.get()).isNull();
  }
}
