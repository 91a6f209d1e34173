package dev.flags.internal.safety;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flags.Context;
import dev.flags.Evaluation;
import dev.flags.internal.snapshot.CompiledFlag;
import dev.flags.internal.snapshot.ExposureTap;
import dev.flags.internal.snapshot.Snapshot;
import dev.flags.internal.snapshot.SnapshotCell;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

final class ExposureGateTest {
  private static final ExposureTap TAP = new ExposureTap() {
    @Override
    public void exposed(CompiledFlag flag, Evaluation result, Context context) {}
  };

  /** The client's field, as a reference. */
  private static final class Cell implements SnapshotCell {
    final AtomicReference<Snapshot> ref;

    Cell(Snapshot initial) {
      ref = new AtomicReference<>(initial);
    }

    @Override
    public Snapshot get() {
      return ref.get();
    }

    @Override
    public void set(Snapshot next) {
      ref.set(next);
    }

    @Override
    public boolean compareAndSet(Snapshot expected, Snapshot next) {
      return ref.compareAndSet(expected, next);
    }
  }

  private final Snapshot open = Snapshot.EMPTY.withObservation(null, TAP);
  private final Cell cell = new Cell(open);
  private final ExposureGate gate = ExposureGate.of(cell, open);

  @Test
  void of_twinHasNoTap_andIsTheSameSnapshotOtherwise() {
    assertThat(gate.shed()).isNotSameAs(open);
    assertThat(gate.shed().exposures()).isNull();
    assertThat(gate.shed().observed()).isFalse();
    assertThat(gate.shed().version()).isEqualTo(open.version());
    assertThat(gate.shed().flagList()).isEqualTo(open.flagList());
    assertThat(open.exposures()).isSameAs(TAP);
  }

  @Test
  void closeThenReopen_swapEachWayOnce() {
    assertThat(gate.closed()).isFalse();
    assertThat(gate.reopen()).as("nothing to reopen").isFalse();

    assertThat(gate.close()).isTrue();
    assertThat(cell.get()).isSameAs(gate.shed());
    assertThat(gate.closed()).isTrue();
    assertThat(gate.close()).as("already closed").isFalse();

    assertThat(gate.reopen()).isTrue();
    assertThat(cell.get()).isSameAs(open);
    assertThat(gate.closed()).isFalse();
  }

  @Test
  void close_neverReplacesASnapshotPublishedSince() {
    Snapshot newer = Snapshot.EMPTY.withObservation(null, TAP);
    cell.set(newer);

    assertThat(gate.close()).isFalse();
    assertThat(cell.get()).isSameAs(newer);

    ExposureGate stale = ExposureGate.of(cell, open);
    cell.set(gate.shed()); // an older gate's twin: only that gate may reopen it
    assertThat(stale.reopen()).isFalse();
    assertThat(gate.reopen()).isTrue();
  }
}
