package dev.flags;

import static dev.flags.testsupport.Docs.doc;
import static dev.flags.testsupport.Docs.onOff;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flags.RecordingLogs.Line;
import dev.flags.sources.MemorySource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;
import org.slf4j.spi.SLF4JServiceProvider;

/** Every change of what is served, and every operator action, is one line on dev.flags.audit. */
final class AuditLogTest {
  private static final String F = onOff("f", "on");
  private static final String G = onOff("g", "on", "'tags': ['payments']");

  private final MutableClock clock = MutableClock.at("2030-01-01T00:00:00Z");
  private final MemorySource remote = MemorySource.of("remote", doc("v1", F, G));
  private Flags flags;

  @AfterEach
  void close() {
    if (flags != null) {
      flags.close();
    }
  }

  private Flags client() {
    flags = Flags.newBuilder().name("audit-test").clock(clock).source(remote).build();
    return flags;
  }

  /** Runs the action and returns the audit lines it wrote. */
  private static List<Line> audit(Runnable action) {
    int mark = RecordingLogs.mark();
    action.run();
    return RecordingLogs.auditSince(mark);
  }

  private static Line single(Runnable action) {
    List<Line> lines = audit(action);
    assertThat(lines).as("audit lines").hasSize(1);
    return lines.get(0);
  }

  @Test
  void slf4j_recordingProvider_isTheOnlyOneAndIsPicked() {
    List<String> providers = new ArrayList<>();
    for (SLF4JServiceProvider p : ServiceLoader.load(SLF4JServiceProvider.class)) {
      providers.add(p.getClass().getName());
    }

    assertThat(providers).containsExactly(RecordingSlf4jProvider.class.getName());
    assertThat(LoggerFactory.getILoggerFactory())
        .isInstanceOf(RecordingSlf4jProvider.Factory.class);
  }

  @Test
  void swap_firstDocument_oneInfoLine() {
    Line line = single(this::client);

    assertThat(line.level()).isEqualTo(Level.INFO);
    assertThat(line.message())
        .isEqualTo(
            "swap (none) -> v1 cause=UPDATE source=remote added=[f, g] removed=[] changed=[]");
  }

  @Test
  void swap_update_oneLineWithVersionsAndDiff() {
    client();

    Line line = single(() -> remote.update(doc("v2", onOff("f", "off"), onOff("h", "on"))));

    assertThat(line.level()).isEqualTo(Level.INFO);
    assertThat(line.message())
        .isEqualTo("swap v1 -> v2 cause=UPDATE source=remote added=[h]"
            + " removed=[g] changed=[f(fallthrough)]");
  }

  @Test
  void reject_oneWarnLineWithEveryProblem() {
    client();

    Line line = single(() -> remote.update(doc("v2", onOff("f", "maybe"), onOff("g", "sideways"))));

    assertThat(line.level()).isEqualTo(Level.WARN);
    assertThat(line.message())
        .isEqualTo("reject source=remote version=v2 problems=2:"
            + " flags.f.fallthrough.variant: 'maybe' is not a declared variant (declared: on, off);"
            + " flags.g.fallthrough.variant: 'sideways' is not a declared variant (declared: on,"
            + " off) (still serving v1)");
  }

  @Test
  void kill_restore_oneLineEach() {
    client();

    Line kill = single(() -> flags.kill("f", "incident 7"));
    Line killUnknown = single(() -> flags.kill("later", "not yet"));
    Line restore = single(() -> flags.restore("f"));

    assertThat(kill.level()).isEqualTo(Level.WARN);
    assertThat(kill.message()).isEqualTo("kill flag=f reason=\"incident 7\" version=v1");
    assertThat(killUnknown.message())
        .isEqualTo("kill flag=later reason=\"not yet\" (not in the"
            + " served document; applies if it appears) version=v1");
    assertThat(restore.message()).isEqualTo("restore flag=f version=v1");
    assertThat(audit(() -> flags.restore("f"))).as("nothing to restore").isEmpty();
  }

  @Test
  void killTag_restoreTag_oneLineEach() {
    client();

    Line kill = single(() -> flags.killTag("payments", "fraud"));
    Line restore = single(() -> flags.restoreTag("payments"));

    assertThat(kill.message()).isEqualTo("kill tag=payments flags=[g] reason=\"fraud\" version=v1");
    assertThat(restore.message()).isEqualTo("restore tag=payments flags=[g] version=v1");
  }

  @Test
  void override_clearOverride_oneLineEach() {
    client();

    Line all = single(() -> flags.override("f", "off"));
    Line keyed = single(() -> flags.override("f", "on", List.of("bob", "carol")));
    Line clear = single(() -> flags.clearOverride("f"));

    assertThat(all.level()).isEqualTo(Level.WARN);
    assertThat(all.message()).isEqualTo("override flag=f variant=off keys=all version=v1");
    assertThat(keyed.message())
        .isEqualTo("override flag=f variant=on keys=[bob, carol] version=v1");
    assertThat(clear.message()).isEqualTo("clear override flag=f");
    assertThat(audit(() -> {
          try {
            flags.override("f", "nope");
          } catch (IllegalArgumentException expected) {
            // refused: nothing changed, nothing to audit
          }
        }))
        .isEmpty();
  }

  @Test
  void rollback_unpin_oneLineEach() {
    client();
    remote.update(doc("v2", onOff("f", "off"), G));

    Line rollback = single(() -> flags.rollback());
    Line acceptedWhilePinned = single(() -> remote.update(doc("v3", F, G)));
    Line unpin = single(() -> flags.unpin());

    assertThat(rollback.level()).isEqualTo(Level.WARN);
    assertThat(rollback.message())
        .isEqualTo("rollback v2 -> v1: pinned until unpin() or an"
            + " explicit load; added=[] removed=[] changed=[f(fallthrough)]");
    assertThat(acceptedWhilePinned.message())
        .isEqualTo(
            "accept version=v3 source=remote while"
                + " pinned: still serving v1 until unpin() (added=[] removed=[] changed=[f(fallthrough)])");
    assertThat(unpin.message())
        .isEqualTo("unpin: serving latest v3; added=[] removed=[]" + " changed=[]");
  }

  @Test
  void rollbackTo_oneLine() {
    client();
    remote.update(doc("v2", onOff("f", "off"), G));
    remote.update(doc("v3", F, G));

    Line line = single(() -> flags.rollbackTo("v1"));

    assertThat(line.message()).startsWith("rollback v3 -> v1: pinned");
  }

  @Test
  void load_explicitWhilePinned_oneLineSayingItUnpinned() {
    client();
    remote.update(doc("v2", onOff("f", "off"), G));
    flags.rollback();

    Line line = single(() -> flags.load(doc("local-1", onOff("x", "on"))));

    assertThat(line.level()).isEqualTo(Level.INFO);
    assertThat(line.message())
        .isEqualTo("swap v1 -> local-1+v2 cause=UPDATE source=load"
            + " added=[x] removed=[] changed=[f(fallthrough)] (explicit load: rollback pin"
            + " released)");
  }

  @Test
  void swap_scheduleBoundary_oneLine() {
    remote.update(doc("v1", onOff("f", "on", "'schedule': [{'from': '2030-01-01T10:00:00Z'}]")));
    client();
    clock.set("2030-01-01T10:00:00Z");

    Line line = single(() -> flags.refreshSchedules());

    assertThat(line.message())
        .isEqualTo("swap v1 -> v1 cause=SCHEDULE source=schedule added=[]"
            + " removed=[] changed=[f(schedule)]");
  }

  @Test
  void swap_optionalLayerRemoved_oneLine(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("override.json");
    Files.writeString(file, doc("local-1", onOff("f", "off")));
    flags = Flags.newBuilder()
        .clock(clock)
        .source(remote)
        .source(dev.flags.sources.FileSource.newBuilder(file)
            .optional()
            .pollInterval(Duration.ofHours(1))
            .build())
        .build();
    Files.delete(file);

    Line line = single(() -> flags.refreshSources());

    assertThat(line.message())
        .isEqualTo("swap v1+local-1 -> v1 cause=UPDATE source=file:" + file
            + " added=[] removed=[] changed=[f(fallthrough)] (layer removed: no document)");
  }

  @Test
  void sameDocumentAgain_noLine() {
    client();

    assertThat(audit(() -> remote.update(doc("v1", F, G)))).isEmpty();
  }

  @Test
  void close_oneLine() {
    client();

    Line line = single(() -> flags.close());

    assertThat(line.message()).isEqualTo("close client=audit-test version=v1");
    assertThat(audit(() -> flags.close())).as("second close").isEmpty();
  }

  @Test
  void auditLines_printedForTheOperationsGuide() {
    client();
    List<Line> lines = audit(() -> {
      remote.update(doc("v2", onOff("f", "off"), G));
      remote.update(doc("v3", onOff("f", "maybe"), G));
      flags.kill("f", "payment provider outage INC-4711");
      flags.killTag("payments", "fraud spike");
      flags.restore("f");
      flags.restoreTag("payments");
      flags.override("g", "off", List.of("qa-user-1"));
      flags.clearOverride("g");
      flags.rollback();
      flags.unpin();
    });

    assertThat(lines).hasSize(10);
  }
}
