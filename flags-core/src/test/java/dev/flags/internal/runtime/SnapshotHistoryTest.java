package dev.flags.internal.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flags.internal.snapshot.FlagDocument;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** History, serving, rollback and unpin decisions, without compiling or publishing anything. */
final class SnapshotHistoryTest {
  private final SnapshotHistory history = new SnapshotHistory(3);

  @Test
  void new_capacityBelowOne_throws() {
    assertThatThrownBy(() -> new SnapshotHistory(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("history size must be at least 1 but was 0");
  }

  @Test
  void add_beyondCapacity_dropsTheOldestAndKeepsNewestFirst() {
    for (String v : List.of("v1", "v2", "v3", "v4")) {
      history.add(entry(v));
    }

    assertThat(history.newestFirst())
        .extracting(SnapshotHistory.Entry::version)
        .containsExactly("v4", "v3", "v2");
    assertThat(history.latest().version()).isEqualTo("v4");
  }

  @Test
  void rollback_servedHasAnEarlierEntry_pinsIt() {
    serve("v1");
    serve("v2");

    SnapshotHistory.Entry target = history.rollback();

    assertThat(target.version()).isEqualTo("v1");
    assertThat(history.served()).isSameAs(target);
    assertThat(history.isPinned()).isTrue();
  }

  @Test
  void rollback_twice_goesFurtherBack() {
    serve("v1");
    serve("v2");
    serve("v3");

    history.rollback();
    SnapshotHistory.Entry second = history.rollback();

    assertThat(second.version()).isEqualTo("v1");
  }

  @Test
  void rollback_nothingEarlier_throwsAndChangesNothing() {
    serve("v1");

    assertThatThrownBy(history::rollback)
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("no earlier snapshot to roll back to (history holds 1 of at most 3)");
    assertThat(history.isPinned()).isFalse();
  }

  @Test
  void rollback_equalDocumentsAccepted_tellsEntriesApartByIdentity() {
    FlagDocument same = document("v1");
    SnapshotHistory.Entry first = entry(same);
    SnapshotHistory.Entry second = entry(same);
    history.add(first);
    history.serve(first);
    history.add(second);
    history.serve(second);

    assertThat(history.rollback()).isSameAs(first);
  }

  @Test
  void rollbackTo_mostRecentEntryWithThatVersion() {
    serve("v1");
    serve("v2");
    SnapshotHistory.Entry again = serve("v1");
    serve("v3");

    assertThat(history.rollbackTo("v1")).isSameAs(again);
  }

  @Test
  void rollbackTo_unknownVersion_throwsListingTheHistory() {
    serve("v1");
    serve("v2");

    assertThatThrownBy(() -> history.rollbackTo("v9"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("version 'v9' is not in the history [v1, v2]");
  }

  @Test
  void add_whilePinned_recordsLatestButKeepsServingThePin() {
    serve("v1");
    serve("v2");
    SnapshotHistory.Entry pinned = history.rollback();

    history.add(entry("v3"));

    assertThat(history.latest().version()).isEqualTo("v3");
    assertThat(history.served()).isSameAs(pinned);
  }

  @Test
  void unpin_pinned_servesTheLatest() {
    serve("v1");
    serve("v2");
    history.rollback();
    history.add(entry("v3"));

    SnapshotHistory.Entry latest = history.unpin();

    assertThat(latest.version()).isEqualTo("v3");
    assertThat(history.served()).isSameAs(latest);
    assertThat(history.isPinned()).isFalse();
  }

  @Test
  void unpin_notPinned_returnsNull() {
    serve("v1");

    assertThat(history.unpin()).isNull();
  }

  @Test
  void releaseForExplicitLoad_saysWhetherThereWasAPin() {
    serve("v1");
    serve("v2");
    assertThat(history.releaseForExplicitLoad()).isFalse();

    history.rollback();

    assertThat(history.releaseForExplicitLoad()).isTrue();
    assertThat(history.isPinned()).isFalse();
  }

  private SnapshotHistory.Entry serve(String version) {
    SnapshotHistory.Entry e = entry(version);
    history.add(e);
    history.serve(e);
    return e;
  }

  private static SnapshotHistory.Entry entry(String version) {
    return entry(document(version));
  }

  private static SnapshotHistory.Entry entry(FlagDocument document) {
    return new SnapshotHistory.Entry(
        document, "remote", Instant.parse("2026-11-22T09:00:00Z"), "initial");
  }

  private static FlagDocument document(String version) {
    return new FlagDocument(FlagDocument.SCHEMA, version, Map.of(), Map.of());
  }
}
