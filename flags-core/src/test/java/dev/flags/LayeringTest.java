package dev.flags;

import static dev.flags.testsupport.Docs.abc;
import static dev.flags.testsupport.Docs.doc;
import static dev.flags.testsupport.Docs.docWithSegments;
import static dev.flags.testsupport.Docs.flag;
import static dev.flags.testsupport.Docs.onOff;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flags.sources.ClasspathSource;
import dev.flags.sources.FileSource;
import dev.flags.sources.MemorySource;
import dev.flags.spi.LoadResult;
import dev.flags.testsupport.Await;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** bootstrap (class path) &lt; remote (memory) &lt; local override file: merged flag by flag. */
final class LayeringTest {
  private static final Context ANYONE = Context.of("someone");
  private static final Context BOSS = Context.of("boss");

  @TempDir
  Path dir;

  private Path localFile() {
    return dir.resolve("flags-override.json");
  }

  private Flags threeLayers(MemorySource remote) {
    return Flags.newBuilder()
        .source(ClasspathSource.of("flags/bootstrap.json"))
        .source(remote)
        .source(FileSource.newBuilder(localFile())
            .optional()
            .pollInterval(Duration.ofMillis(20))
            .build())
        .build();
  }

  @Test
  void merge_flagByFlag_laterLayerWins() throws IOException {
    Files.writeString(localFile(), doc("local-3", abc("search", "c")));
    MemorySource remote = MemorySource.of(
        "remote",
        doc("remote-7", onOff("checkout", "on"), abc("search", "b"), onOff("remote-only", "on")));

    try (Flags flags = threeLayers(remote)) {
      assertThat(flags.isEnabled("checkout", ANYONE))
          .as("remote over bootstrap")
          .isTrue();
      assertThat(flags.getString("search", ANYONE, "?")).as("local over remote").isEqualTo("C");
      assertThat(flags.isEnabled("remote-only", ANYONE)).isTrue();
      assertThat(flags.evaluate("beta-feature", Context.of("user-1")).ruleId())
          .as("bootstrap only")
          .isEqualTo("beta");
      assertThat(flags.flagKeys())
          .containsExactlyInAnyOrder("checkout", "search", "beta-feature", "remote-only");
      assertThat(flags.status().state()).isEqualTo(Status.State.READY);
    }
  }

  @Test
  void merge_versionString_joinsLayerVersionsInPrecedenceOrder() throws IOException {
    Files.writeString(localFile(), doc("local-3", abc("search", "c")));
    MemorySource remote = MemorySource.of("remote", doc("remote-7", onOff("checkout", "on")));

    try (Flags flags = threeLayers(remote)) {
      assertThat(flags.version()).isEqualTo("boot-1+remote-7+local-3");
      assertThat(flags.evaluate("checkout", ANYONE).version()).isEqualTo("boot-1+remote-7+local-3");
      assertThat(flags.status().sources())
          .extracting(SourceStatus::version)
          .containsExactly("boot-1", "remote-7", "local-3");
    }
  }

  @Test
  void merge_singleLayerWithDocument_servesItsVersionAsIs() {
    try (Flags flags = Flags.newBuilder()
        .source(ClasspathSource.of("flags/bootstrap.json"))
        .source(MemorySource.empty("remote"))
        .build()) {
      assertThat(flags.version()).isEqualTo("boot-1");
    }
  }

  @Test
  void merge_segments_laterLayerWinsBySegmentKey() {
    MemorySource remote = MemorySource.of(
        "remote",
        docWithSegments("remote-7", "'beta': {'included': ['user-9']}", onOff("checkout", "on")));

    try (Flags flags = threeLayers(remote)) {
      assertThat(flags.evaluate("beta-feature", Context.of("user-9")).ruleId()).isEqualTo("beta");
      assertThat(flags.isEnabled("beta-feature", Context.of("user-1")))
          .as("bootstrap's beta segment is replaced whole")
          .isFalse();
      assertThat(flags.evaluate("beta-feature", BOSS).ruleId())
          .as("bootstrap's staff segment still serves")
          .isEqualTo("staff");
    }
  }

  @Test
  void crossLayerReference_segmentAndPrerequisiteInLowerLayer_validates() {
    MemorySource remote = MemorySource.of(
        "remote",
        doc(
            "remote-7",
            flag(
                "upsell",
                "'variants': {'on': true, 'off': false}, 'offVariant': 'off',"
                    + " 'prerequisites': [{'flag': 'checkout', 'variant': 'on'}],"
                    + " 'rules': [{'id': 'staff', 'conditions': [{'op': 'inSegment',"
                    + " 'values': ['staff']}], 'variant': 'on'}],"
                    + " 'fallthrough': {'variant': 'off'}")));

    try (Flags flags = threeLayers(remote)) {
      assertThat(flags.status().state()).isEqualTo(Status.State.READY);
      assertThat(flags.evaluate("upsell", BOSS).reason())
          .as("checkout serves off in bootstrap")
          .isEqualTo(Reason.PREREQUISITE_FAILED);

      LoadResult r = remote.update(doc(
          "remote-8",
          onOff("checkout", "on"),
          flag(
              "upsell",
              "'variants': {'on': true, 'off': false}, 'offVariant': 'off',"
                  + " 'prerequisites': [{'flag': 'checkout', 'variant': 'on'}],"
                  + " 'rules': [{'id': 'staff', 'conditions': [{'op': 'inSegment',"
                  + " 'values': ['staff']}], 'variant': 'on'}],"
                  + " 'fallthrough': {'variant': 'off'}")));

      assertThat(r.isAccepted()).isTrue();
      assertThat(flags.evaluate("upsell", BOSS).reason()).isEqualTo(Reason.RULE_MATCH);
      assertThat(flags.evaluate("upsell", ANYONE).reason()).isEqualTo(Reason.FALLTHROUGH);
    }
  }

  @Test
  void crossLayerReference_unknownEverywhere_rejectedNamingTheReference() {
    MemorySource remote = MemorySource.of("remote", doc("remote-7", onOff("checkout", "on")));
    try (Flags flags = threeLayers(remote)) {
      LoadResult r = remote.update(doc(
          "remote-8",
          flag(
              "upsell",
              "'variants': {'on': true, 'off': false}, 'offVariant': 'off',"
                  + " 'prerequisites': [{'flag': 'nowhere', 'variant': 'on'}],"
                  + " 'fallthrough': {'variant': 'off'}")));

      assertThat(r.isAccepted()).isFalse();
      assertThat(r.problems())
          .singleElement()
          .hasToString("flags.upsell.prerequisites[0].flag: unknown flag 'nowhere'");
      assertThat(flags.version()).isEqualTo("boot-1+remote-7");
    }
  }

  @Test
  void layerUpdate_breakingCrossLayerReference_rejectedWholeAndNothingChanges() {
    MemorySource bootstrap = MemorySource.of(
        "bootstrap",
        docWithSegments("boot-1", "'staff': {'included': ['boss']}", onOff("checkout", "off")));
    MemorySource remote = MemorySource.of(
        "remote",
        doc(
            "remote-7",
            flag(
                "upsell",
                "'variants': {'on': true, 'off': false}, 'offVariant': 'off',"
                    + " 'rules': [{'id': 'staff', 'conditions': [{'op': 'inSegment',"
                    + " 'values': ['staff']}], 'variant': 'on'}],"
                    + " 'fallthrough': {'variant': 'off'}")));
    try (Flags flags = Flags.newBuilder().source(bootstrap).source(remote).build()) {
      assertThat(flags.isEnabled("upsell", BOSS)).isTrue();

      LoadResult r =
          bootstrap.update(doc("boot-2", onOff("checkout", "on"), onOff("new-default", "on")));

      assertThat(r.isAccepted()).isFalse();
      assertThat(r.problems())
          .extracting(Problem::toString)
          .containsExactly(
              "flags.upsell.rules[0].conditions[0].values[0]: unknown segment" + " 'staff'");
      assertThat(flags.version()).isEqualTo("boot-1+remote-7");
      assertThat(flags.isEnabled("checkout", ANYONE)).isFalse();
      assertThat(flags.flagKeys()).doesNotContain("new-default");
      assertThat(flags.isEnabled("upsell", BOSS)).isTrue();
      assertThat(flags.history()).hasSize(2);
      Status st = flags.status();
      assertThat(st.state()).isEqualTo(Status.State.STALE);
      SourceStatus boot = StatusTest.source(st, "bootstrap");
      assertThat(boot.state()).isEqualTo(Status.State.STALE);
      assertThat(boot.version()).isEqualTo("boot-1");
      assertThat(boot.lastError().kind()).isEqualTo(ErrorInfo.Kind.INVALID_DOCUMENT);
      assertThat(StatusTest.source(st, "remote").state()).isEqualTo(Status.State.READY);
    }
  }

  @Test
  void invalidLayer_update_rejectedWhileOthersServeAndStatusMarksIt() {
    MemorySource remote = MemorySource.of("remote", doc("remote-7", onOff("checkout", "on")));
    try (Flags flags = threeLayers(remote)) {
      LoadResult r = remote.update(doc("remote-8", onOff("checkout", "sideways")));

      assertThat(r.isAccepted()).isFalse();
      assertThat(flags.version()).isEqualTo("boot-1+remote-7");
      assertThat(flags.isEnabled("checkout", ANYONE))
          .as("remote's last good document")
          .isTrue();
      Status st = flags.status();
      assertThat(st.state()).isEqualTo(Status.State.STALE);
      SourceStatus src = StatusTest.source(st, "remote");
      assertThat(src.state()).isEqualTo(Status.State.STALE);
      assertThat(src.lastError().message()).startsWith("document version 'remote-8' rejected");
      assertThat(StatusTest.source(st, "classpath:flags/bootstrap.json").state())
          .isEqualTo(Status.State.READY);
    }
  }

  @Test
  void invalidLayer_atStart_errorForThatSourceOthersServe() {
    try (Flags flags = Flags.newBuilder()
        .source(ClasspathSource.of("flags/bootstrap.json"))
        .source(ClasspathSource.of("flags/invalid.json"))
        .build()) {
      assertThat(flags.isReady()).isTrue();
      assertThat(flags.version()).isEqualTo("boot-1");
      Status st = flags.status();
      assertThat(st.state()).isEqualTo(Status.State.STALE);
      SourceStatus bad = StatusTest.source(st, "classpath:flags/invalid.json");
      assertThat(bad.state()).isEqualTo(Status.State.ERROR);
      assertThat(bad.lastError().message())
          .isEqualTo("document version 'broken-1' rejected"
              + " (1 problem): flags.f.offVariant: 'maybe' is not a declared variant"
              + " (declared: on, off)");
    }
  }

  @Test
  void localFile_referencesSegmentOfRemoteThatDeliversLater_appliesOnceRemoteDelivers()
      throws IOException {
    Files.writeString(
        localFile(),
        doc(
            "local-3",
            flag(
                "vip-banner",
                "'variants': {'on': true, 'off': false}, 'offVariant': 'off',"
                    + " 'rules': [{'id': 'vip', 'conditions': [{'op': 'inSegment', 'values': ['vip']}],"
                    + " 'variant': 'on'}], 'fallthrough': {'variant': 'off'}")));
    TestSource remote = TestSource.silent("remote");
    try (Flags flags = Flags.newBuilder()
        .source(ClasspathSource.of("flags/bootstrap.json"))
        .source(remote)
        .source(FileSource.newBuilder(localFile())
            .pollInterval(Duration.ofMillis(20))
            .build())
        .build()) {
      assertThat(flags.version()).isEqualTo("boot-1");
      assertThat(StatusTest.source(flags.status(), "file:" + localFile())
              .lastError()
              .message())
          .contains("unknown segment 'vip'");

      remote.deliver(
          docWithSegments("remote-7", "'vip': {'included': ['boss']}", onOff("checkout", "on")));

      assertThat(flags.version()).isEqualTo("boot-1+remote-7+local-3");
      assertThat(flags.isEnabled("vip-banner", BOSS)).isTrue();
      assertThat(flags.status().state()).isEqualTo(Status.State.READY);
    }
  }

  @Test
  void optionalLocalFile_deleted_layerRemovedAndVersionDropsIt() throws IOException {
    Files.writeString(localFile(), doc("local-3", abc("search", "c")));
    MemorySource remote = MemorySource.of("remote", doc("remote-7", abc("search", "b")));
    try (Flags flags = threeLayers(remote)) {
      assertThat(flags.getString("search", ANYONE, "?")).isEqualTo("C");

      Files.delete(localFile());

      Await.until(() -> flags.version().equals("boot-1+remote-7"), flags::version);
      assertThat(flags.getString("search", ANYONE, "?")).isEqualTo("B");
      assertThat(flags.status().state()).isEqualTo(Status.State.READY);
    }
  }
}
