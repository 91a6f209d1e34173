package dev.flags;

import static dev.flags.testsupport.Docs.abc;
import static dev.flags.testsupport.Docs.doc;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flags.sources.MemorySource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

final class RequestPinningTest {
  private static final Context USER = Context.of("user-1");

  private final MemorySource remote =
      MemorySource.of("remote", doc("v1", abc("first", "a"), abc("second", "a")));
  private final Flags flags = Flags.newBuilder().source(remote).build();

  @AfterEach
  void close() {
    flags.close();
  }

  @Test
  void snapshot_acrossReload_keepsAnsweringFromItsVersion() {
    FlagSnapshot request = flags.snapshot();
    String first = request.getString("first", USER, "?");

    remote.update(doc("v2", abc("first", "b"), abc("second", "b")));
    String second = request.getString("second", USER, "?");

    assertThat(first).isEqualTo("A");
    assertThat(second).as("same version as the first answer").isEqualTo("A");
    assertThat(request.version()).isEqualTo("v1");
    assertThat(request.evaluate("second", USER).version()).isEqualTo("v1");
    assertThat(flags.getString("second", USER, "?")).isEqualTo("B");
    assertThat(flags.snapshot().version()).isEqualTo("v2");
  }

  @Test
  void snapshot_acrossKill_keepsItsOperatorState() {
    FlagSnapshot request = flags.snapshot();

    flags.kill("first", "incident");
    flags.override("second", "c");

    assertThat(request.evaluate("first", USER).reason()).isEqualTo(Reason.FALLTHROUGH);
    assertThat(request.getString("second", USER, "?")).isEqualTo("A");
    FlagSnapshot next = flags.snapshot();
    assertThat(next.evaluate("first", USER).reason()).isEqualTo(Reason.KILLED);
    assertThat(next.getString("second", USER, "?")).isEqualTo("C");
  }

  @Test
  void snapshot_acrossFlagRemoval_stillHasTheFlag() {
    FlagSnapshot request = flags.snapshot();

    remote.update(doc("v2", abc("first", "b")));

    assertThat(request.evaluate("second", USER).reason()).isEqualTo(Reason.FALLTHROUGH);
    assertThat(flags.evaluate("second", USER).errorCode()).isEqualTo(ErrorCode.FLAG_NOT_FOUND);
  }

  @Test
  void snapshot_acrossRollback_keepsItsVersion() {
    remote.update(doc("v2", abc("first", "b"), abc("second", "b")));
    FlagSnapshot request = flags.snapshot();

    flags.rollback();

    assertThat(request.getString("first", USER, "?")).isEqualTo("B");
    assertThat(flags.getString("first", USER, "?")).isEqualTo("A");
  }

  @Test
  void snapshot_beforeReady_notReadyEvenAfterDocumentArrives() {
    TestSource late = TestSource.silent("late");
    try (Flags pending = Flags.newBuilder().source(late).build()) {
      FlagSnapshot early = pending.snapshot();

      late.deliver(doc("v1", abc("first", "a")));

      assertThat(early.isReady()).isFalse();
      assertThat(early.evaluate("first", USER).errorCode()).isEqualTo(ErrorCode.NOT_READY);
      assertThat(pending.snapshot().isReady()).isTrue();
      assertThat(early.toString()).isEqualTo("FlagSnapshot{version=}");
    }
  }
}
