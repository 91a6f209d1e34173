package dev.flags.sources;

import static dev.flags.testsupport.Docs.doc;
import static dev.flags.testsupport.Docs.json;
import static dev.flags.testsupport.Docs.onOff;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flags.Context;
import dev.flags.Flags;
import dev.flags.Problem;
import dev.flags.Reason;
import dev.flags.SourceStatus;
import dev.flags.Status;
import dev.flags.spi.LoadResult;
import org.junit.jupiter.api.Test;

final class MemorySourceTest {
  private static final Context USER = Context.of("user-1");

  @Test
  void start_withDocument_servesIt() {
    MemorySource source = MemorySource.of("remote", doc("v1", onOff("f", "on")));
    try (Flags flags = Flags.newBuilder().source(source).build()) {
      assertThat(flags.isReady()).isTrue();
      assertThat(flags.version()).isEqualTo("v1");
      assertThat(flags.isEnabled("f", USER)).isTrue();
      assertThat(source(flags, "remote").state()).isEqualTo(Status.State.READY);
    }
  }

  @Test
  void update_validDocument_acceptedAndServedBeforeItReturns() {
    MemorySource source = MemorySource.of(doc("v1", onOff("f", "on")));
    try (Flags flags = Flags.newBuilder().source(source).build()) {
      LoadResult result = source.update(doc("v2", onOff("f", "off")));

      assertThat(result.isAccepted()).isTrue();
      assertThat(result.version()).isEqualTo("v2");
      assertThat(result.problems()).isEmpty();
      assertThat(flags.version()).isEqualTo("v2");
      assertThat(flags.isEnabled("f", USER)).isFalse();
    }
  }

  @Test
  void update_invalidDocument_rejectedWithEveryProblemAndNothingChanges() {
    MemorySource source = MemorySource.of("remote", doc("v1", onOff("f", "on")));
    try (Flags flags = Flags.newBuilder().source(source).build()) {
      String bad = json("{'schema': 1, 'version': 'v2', 'flags': {"
          + "'f': {'variants': {'on': true, 'off': false}, 'offVariant': 'nope',"
          + " 'fallthrough': {'variant': 'on'}},"
          + "'g': {'variants': {'on': true}, 'offVariant': 'on'}}}");

      LoadResult result = source.update(bad);

      assertThat(result.isAccepted()).isFalse();
      assertThat(result.version()).isEqualTo("v2");
      assertThat(result.problems())
          .extracting(Problem::path)
          .containsExactly("flags.f.offVariant", "flags.g.fallthrough");
      assertThat(result.problems().get(0).message()).contains("'nope'");
      assertThat(flags.version()).isEqualTo("v1");
      assertThat(flags.isEnabled("f", USER)).isTrue();
      SourceStatus st = source(flags, "remote");
      assertThat(st.state()).isEqualTo(Status.State.STALE);
      assertThat(st.version()).isEqualTo("v1");
      assertThat(st.lastError()).isNotNull();
      assertThat(st.lastError().message())
          .startsWith("document version 'v2' rejected (2 problems)");
    }
  }

  @Test
  void update_notJson_rejectedWithoutVersion() {
    MemorySource source = MemorySource.of(doc("v1", onOff("f", "on")));
    try (Flags flags = Flags.newBuilder().source(source).build()) {
      LoadResult result = source.update("{\"schema\": 1, \"version\": ");

      assertThat(result.isAccepted()).isFalse();
      assertThat(result.version()).isNull();
      assertThat(result.problems()).hasSize(1);
      assertThat(flags.version()).isEqualTo("v1");
    }
  }

  @Test
  void update_beforeStart_documentDeliveredAtStart() {
    MemorySource source = MemorySource.of(doc("v1", onOff("f", "on")));

    LoadResult early = source.update(doc("v2", onOff("f", "off")));

    assertThat(early.isAccepted()).isFalse();
    assertThat(early.problems())
        .singleElement()
        .extracting(Problem::message)
        .asString()
        .startsWith("not started");
    try (Flags flags = Flags.newBuilder().source(source).build()) {
      assertThat(flags.version()).isEqualTo("v2");
    }
  }

  @Test
  void empty_noDocument_layerContributesNothing() {
    MemorySource base = MemorySource.of("base", doc("base-1", onOff("f", "on")));
    MemorySource top = MemorySource.empty("top");
    try (Flags flags = Flags.newBuilder().source(base).source(top).build()) {
      assertThat(flags.version()).isEqualTo("base-1");
      assertThat(flags.status().state()).isEqualTo(Status.State.READY);
      assertThat(source(flags, "top").detail()).isEqualTo("no document");

      top.update(doc("top-1", onOff("f", "off")));
      assertThat(flags.version()).isEqualTo("base-1+top-1");
      assertThat(flags.isEnabled("f", USER)).isFalse();
    }
  }

  @Test
  void clear_afterStart_layerRemovedAndLowerLayerServes() {
    MemorySource base = MemorySource.of("base", doc("base-1", onOff("f", "on")));
    MemorySource top = MemorySource.of("top", doc("top-1", onOff("f", "off")));
    try (Flags flags = Flags.newBuilder().source(base).source(top).build()) {
      assertThat(flags.isEnabled("f", USER)).isFalse();

      top.clear();

      assertThat(flags.version()).isEqualTo("base-1");
      assertThat(flags.isEnabled("f", USER)).isTrue();
      assertThat(flags.evaluate("f", USER).reason()).isEqualTo(Reason.FALLTHROUGH);
      SourceStatus st = source(flags, "top");
      assertThat(st.state()).isEqualTo(Status.State.READY);
      assertThat(st.version()).isNull();
      assertThat(st.detail()).isEqualTo("no document");

      top.update(doc("top-2", onOff("f", "off")));
      assertThat(flags.version()).isEqualTo("base-1+top-2");
      assertThat(source(flags, "top").detail()).isNull();
    }
  }

  @Test
  void update_afterClientClosed_rejectedAsClosed() {
    MemorySource source = MemorySource.of(doc("v1", onOff("f", "on")));
    Flags flags = Flags.newBuilder().source(source).build();
    flags.close();

    LoadResult result = source.update(doc("v2", onOff("f", "off")));

    assertThat(result.isAccepted()).isFalse();
    assertThat(result.problems())
        .singleElement()
        .extracting(Problem::message)
        .asString()
        .contains("closed");
    assertThat(flags.version()).isEqualTo("v1");
  }

  @Test
  void update_sameSourceInTwoLayers_rejectedByBuilder() {
    MemorySource source = MemorySource.of(doc("v1", onOff("f", "on")));
    Flags.Builder builder = Flags.newBuilder().source(source);

    org.assertj.core.api.Assertions.assertThatThrownBy(() -> builder.source(source))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("source memory was already added");
  }

  static SourceStatus source(Flags flags, String name) {
    for (SourceStatus s : flags.status().sources()) {
      if (s.name().equals(name)) {
        return s;
      }
    }
    throw new AssertionError("no source " + name + " in " + flags.status());
  }
}
