package dev.flags;

import static dev.flags.testsupport.Docs.doc;
import static dev.flags.testsupport.Docs.flag;
import static dev.flags.testsupport.Docs.onOff;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flags.sources.MemorySource;
import dev.flags.spi.LoadResult;
import dev.flags.testsupport.Docs;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

final class HistoryRollbackTest {
  private static final List<Context> CONTEXTS = contexts();

  /** A rollout, a rule and a target, so answers differ per context and per version. */
  private static String doc(String version, int onWeight, String ruleCountry) {
    return Docs.doc(
        version,
        flag(
            "rollout",
            "'variants': {'on': true, 'off': false}, 'offVariant': 'off',"
                + " 'targets': [{'variant': 'off', 'keys': ['user-3']}],"
                + " 'rules': [{'id': 'country', 'conditions': [{'attribute': 'country',"
                + " 'op': 'equals', 'value': '" + ruleCountry + "'}], 'variant': 'on'}],"
                + " 'fallthrough': {'rollout': {'variants': [{'variant': 'on', 'weight': "
                + onWeight
                + "}, {'variant': 'off', 'weight': " + (100_000 - onWeight) + "}]}}"),
        onOff("other", onWeight > 50_000 ? "on" : "off"));
  }

  private final MutableClock clock = MutableClock.at("2030-01-01T00:00:00Z");
  private final MemorySource remote = MemorySource.of("remote", doc("v1", 10_000, "NZ"));
  private final Flags flags =
      Flags.newBuilder().clock(clock).historySize(3).source(remote).build();

  @AfterEach
  void close() {
    flags.close();
  }

  @Test
  void reload_flagUnchanged_heldOnceAcrossVersions_andRollbackServesEachVersion() {
    // Longer than the 64 characters of the reader's table of shared short strings: only the
    // history's sharing makes it one string.
    String description =
        "a description that every version of the document leaves as it is, word for word";
    String kept = onOff("kept", "on", "'description': '" + description + "'");
    remote.update(Docs.doc("s1", kept, onOff("changed", "on")));
    String first = flags.flagInfo("kept").description();

    remote.update(Docs.doc("s2", kept, onOff("changed", "off")));

    assertThat(flags.flagInfo("kept").description()).isEqualTo(description).isSameAs(first);
    assertThat(flags.isEnabled("changed", Context.of("u"))).isFalse();
    assertThat(flags.rollback()).isEqualTo("s1");
    assertThat(flags.isEnabled("changed", Context.of("u"))).isTrue();
    assertThat(flags.isEnabled("kept", Context.of("u"))).isTrue();
    assertThat(flags.flagInfo("kept").description()).isSameAs(first);
  }

  @Test
  void reload_flagUnchangedSegmentChanged_servesByEachVersionsSegment() {
    String member = flag(
        "member",
        "'variants': {'on': true, 'off': false}, 'offVariant': 'off',"
            + " 'rules': [{'id': 'beta', 'conditions': [{'op': 'inSegment', 'value': 'beta'}],"
            + " 'variant': 'on'}], 'fallthrough': {'variant': 'off'}");
    remote.update(Docs.docWithSegments("m1", "'beta': {'included': ['u1']}", member));
    remote.update(Docs.docWithSegments("m2", "'beta': {'included': ['u2']}", member));

    assertThat(flags.isEnabled("member", Context.of("u1"))).isFalse();
    assertThat(flags.isEnabled("member", Context.of("u2"))).isTrue();
    assertThat(flags.rollback()).isEqualTo("m1");
    assertThat(flags.isEnabled("member", Context.of("u1"))).isTrue();
    assertThat(flags.isEnabled("member", Context.of("u2"))).isFalse();
  }

  @Test
  void history_keepsLastNNewestFirstWithVersionSourceTimeAndSummary() {
    for (int i = 2; i <= 5; i++) {
      clock.set("2030-01-01T00:0" + i + ":00Z");
      remote.update(doc("v" + i, 10_000 * i, "NZ"));
    }

    List<HistoryEntry> history = flags.history();
    assertThat(history).extracting(HistoryEntry::version).containsExactly("v5", "v4", "v3");
    HistoryEntry newest = history.get(0);
    assertThat(newest.source()).isEqualTo("remote");
    assertThat(newest.loadedAt()).isEqualTo(Instant.parse("2030-01-01T00:05:00Z"));
    assertThat(newest.summary()).isEqualTo("added=[] removed=[] changed=[rollout(fallthrough)]");
    assertThat(history.get(1).loadedAt()).isEqualTo(Instant.parse("2030-01-01T00:04:00Z"));

    remote.update(doc("v6", 60_000, "AU"));
    assertThat(flags.history().get(0).summary())
        .isEqualTo("added=[] removed=[] changed=[other(fallthrough), rollout(fallthrough,rules)]");
  }

  @Test
  void history_firstEntry_summaryInitial() {
    assertThat(flags.history()).singleElement().satisfies(h -> {
      assertThat(h.version()).isEqualTo("v1");
      assertThat(h.summary()).isEqualTo("initial");
    });
  }

  @Test
  void history_rejectedDocument_notRecorded() {
    remote.update(Docs.doc("bad", onOff("f", "maybe")));

    assertThat(flags.history()).extracting(HistoryEntry::version).containsExactly("v1");
  }

  @Test
  void history_sameDocumentDeliveredAgain_notRecordedTwice() {
    remote.update(doc("v2", 20_000, "NZ"));
    remote.update(doc("v2", 20_000, "NZ"));

    assertThat(flags.history()).extracting(HistoryEntry::version).containsExactly("v2", "v1");
    assertThat(flags.rollback()).isEqualTo("v1");
  }

  @Test
  void history_sameDocumentReformatted_notRecordedTwice_sameVersionOtherContent_recorded() {
    // The layer keeps its document deflated: the same bytes are recognised as they inflate, the
    // same tree in other bytes by reading the kept bytes again.
    String v2 = doc("v2", 20_000, "NZ");
    remote.update(v2);
    remote.update(v2.replace(", ", ",\n    "));

    assertThat(flags.history()).extracting(HistoryEntry::version).containsExactly("v2", "v1");

    remote.update(doc("v2", 20_000, "AU"));

    assertThat(flags.history()).extracting(HistoryEntry::version).containsExactly("v2", "v2", "v1");
    assertThat(flags.isEnabled(
            "rollout", Context.newBuilder("u").set("country", "AU").build()))
        .isTrue();
  }

  @Test
  void rollback_servesPreviousSnapshotWithTheSameAnswers() {
    List<String> v1Answers = answers(flags);
    remote.update(doc("v2", 60_000, "AU"));
    assertThat(answers(flags)).isNotEqualTo(v1Answers);

    String served = flags.rollback();

    assertThat(served).isEqualTo("v1");
    assertThat(flags.version()).isEqualTo("v1");
    assertThat(answers(flags)).isEqualTo(v1Answers);
  }

  @Test
  void rollback_pins_newSourceUpdateAcceptedAndRecordedButNotServed() {
    remote.update(doc("v2", 60_000, "AU"));
    flags.rollback();

    LoadResult result = remote.update(doc("v3", 90_000, "AU"));

    assertThat(result.isAccepted()).isTrue();
    assertThat(result.version()).isEqualTo("v3");
    assertThat(flags.version()).isEqualTo("v1");
    assertThat(flags.history()).extracting(HistoryEntry::version).containsExactly("v3", "v2", "v1");
    Status st = flags.status();
    assertThat(st.isPinned()).isTrue();
    assertThat(st.pinnedVersion()).isEqualTo("v1");
    assertThat(st.version()).isEqualTo("v1");
  }

  @Test
  void unpin_servesLatestAccepted() {
    remote.update(doc("v2", 60_000, "AU"));
    flags.rollback();
    remote.update(doc("v3", 90_000, "AU"));
    List<String> expected = answersOf(doc("v3", 90_000, "AU"));

    assertThat(flags.unpin()).isTrue();

    assertThat(flags.version()).isEqualTo("v3");
    assertThat(answers(flags)).isEqualTo(expected);
    assertThat(flags.status().isPinned()).isFalse();
    assertThat(flags.unpin()).isFalse();
  }

  @Test
  void load_explicitWhilePinned_unpinsAndServesIt() {
    remote.update(doc("v2", 60_000, "AU"));
    flags.rollback();

    flags.load(Docs.doc("local-1", onOff("local", "on")));

    assertThat(flags.status().isPinned()).isFalse();
    assertThat(flags.version()).isEqualTo("local-1+v2");
    assertThat(flags.isEnabled("local", Context.of("x"))).isTrue();
  }

  @Test
  void rollbackTo_versionInHistory_servesAndPinsIt() {
    List<String> v1Answers = answers(flags);
    remote.update(doc("v2", 60_000, "AU"));
    remote.update(doc("v3", 90_000, "AU"));

    assertThat(flags.rollbackTo("v1")).isEqualTo("v1");

    assertThat(answers(flags)).isEqualTo(v1Answers);
    assertThat(flags.status().pinnedVersion()).isEqualTo("v1");
  }

  @Test
  void rollbackTo_unknownVersion_throwsListingHistory() {
    remote.update(doc("v2", 60_000, "AU"));

    assertThatThrownBy(() -> flags.rollbackTo("v0"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("version 'v0' is not in the history [v1, v2]");
  }

  @Test
  void rollback_noEarlierSnapshot_throws() {
    assertThatThrownBy(flags::rollback)
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("no earlier snapshot to roll back to (history holds 1 of at most 3)");
    assertThat(flags.status().isPinned()).isFalse();
  }

  @Test
  void rollback_beforeReady_throws() {
    try (Flags pending = Flags.newBuilder().source(TestSource.silent("late")).build()) {
      assertThatThrownBy(pending::rollback).isInstanceOf(IllegalStateException.class);
    }
  }

  @Test
  void rollback_twice_stepsFurtherBack() {
    remote.update(doc("v2", 60_000, "AU"));
    remote.update(doc("v3", 90_000, "AU"));

    assertThat(flags.rollback()).isEqualTo("v2");
    assertThat(flags.rollback()).isEqualTo("v1");
    assertThatThrownBy(flags::rollback).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void rollback_killsAndOverridesStillApplyWhilePinned() {
    remote.update(doc("v2", 60_000, "AU"));
    flags.kill("rollout", "incident");
    flags.override("other", "on");

    flags.rollback();

    Evaluation e = flags.evaluate("rollout", Context.of("user-1"));
    assertThat(e.reason()).isEqualTo(Reason.KILLED);
    assertThat(e.version()).isEqualTo("v1");
    assertThat(flags.evaluate("other", Context.of("user-1")).reason()).isEqualTo(Reason.OVERRIDE);

    flags.kill("other", "second incident");
    assertThat(flags.evaluate("other", Context.of("user-1")).reason()).isEqualTo(Reason.KILLED);
  }

  @Test
  void rollback_overrideVariantMissingInPinnedVersion_rejected() {
    remote.update(Docs.doc(
        "v2",
        flag(
            "rollout",
            "'variants': {'on': true, 'off': false,"
                + " 'dark': false}, 'offVariant': 'off', 'fallthrough': {'variant': 'on'}")));
    flags.rollback();

    assertThatThrownBy(() -> flags.override("rollout", "dark"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("declared variants are [on, off]");
  }

  @Test
  void rollback_rollbackEventAndUnpinEvent() {
    ChangeEventTest.Recorder events = new ChangeEventTest.Recorder();
    flags.addChangeListener(events);
    remote.update(doc("v2", 60_000, "AU"));

    flags.rollback();
    flags.unpin();

    List<ChangeEvent> all = events.await(3);
    assertThat(all.get(1).cause()).isEqualTo(ChangeEvent.Cause.ROLLBACK);
    assertThat(all.get(1).oldVersion()).isEqualTo("v2");
    assertThat(all.get(1).newVersion()).isEqualTo("v1");
    assertThat(all.get(1).changed()).containsKeys("rollout", "other");
    assertThat(all.get(2).cause()).isEqualTo(ChangeEvent.Cause.UNPIN);
    assertThat(all.get(2).newVersion()).isEqualTo("v2");
  }

  private static List<Context> contexts() {
    List<Context> out = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      out.add(Context.newBuilder("user-" + i)
          .set("country", i % 3 == 0 ? "NZ" : "AU")
          .build());
    }
    return out;
  }

  /** Every answer in full (variant, value, reason, rule, version) for a fixed set of contexts. */
  private static List<String> answers(FlagEvaluator flags) {
    List<String> out = new ArrayList<>();
    for (Context c : CONTEXTS) {
      out.add(c.key() + " rollout " + flags.evaluate("rollout", c));
      out.add(c.key() + " other " + flags.evaluate("other", c));
    }
    return out;
  }

  /** What a fresh client would answer for this document. */
  private static List<String> answersOf(String json) {
    try (Flags fresh = Flags.newBuilder().document(json).build()) {
      return answers(fresh);
    }
  }
}
